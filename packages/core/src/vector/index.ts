export * from "./vector-math.js";
