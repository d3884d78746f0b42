// Module resolution hooks that make @langchain/aws unresolvable, as in an app that did not install it.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "@langchain/aws" || specifier.startsWith("@langchain/aws/")) {
    throw new Error(`${specifier} was imported, but it is an optional peer this program must not need.`);
  }
  return nextResolve(specifier, context);
}
