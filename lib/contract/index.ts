export * from "./enums";
export * from "./objects";
export * from "./requests";
