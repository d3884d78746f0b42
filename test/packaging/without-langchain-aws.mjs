// Preloaded with `node --import` to prove a program never needs @langchain/aws, the optional peer.
import { register } from "node:module";

register("./langchain-aws-missing-hooks.mjs", import.meta.url);
