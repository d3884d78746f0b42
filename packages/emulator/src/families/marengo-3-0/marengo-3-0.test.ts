import { describe, expect, it } from "vitest";
import { jpegBytes } from "../../media/test-images.test-helpers.js";
import { cosine, png } from "../shared/family-test-inputs.test-helpers.js";
import { marengoEmbed30 } from "./index.js";

describe("twelvelabs.marengo-embed-3-0-v1:0", () => {
  it("3.0 embeds text, image, text_image and multi_input into 512 floats", () => {
    const first = (body: unknown) =>
      (body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding ?? [];
    const text = first(
      marengoEmbed30.invoke({ inputType: "text", text: { inputText: "sunset over water" } }).body,
    );
    expect(text).toHaveLength(512);
    const image = first(
      marengoEmbed30.invoke({ inputType: "image", image: { mediaSource: { base64String: png } } }).body,
    );
    const both = first(
      marengoEmbed30.invoke({
        inputType: "text_image",
        text_image: { inputText: "sunset over water", mediaSource: { base64String: png } },
      }).body,
    );
    expect(cosine(both, text)).toBeGreaterThan(0.6);
    expect(cosine(both, image)).toBeGreaterThan(0.6);
    const multi = marengoEmbed30.invoke({
      inputType: "multi_input",
      multi_input: {
        inputText: "<@a> next to <@b>",
        mediaSources: [
          { name: "a", mediaType: "image", base64String: png },
          { name: "b", mediaType: "image", base64String: jpegBytes(5, 5).toString("base64") },
        ],
      },
    });
    expect(first(multi.body)).toHaveLength(512);
  });

  it.each([
    [
      { inputType: "text", image: { mediaSource: {} } },
      "#: required key [text] not found#: extraneous key [image] is not permitted",
    ],
    [{ inputType: "video", video: { mediaSource: { base64String: png } } }, "use StartAsyncInvoke for video"],
    [{ inputType: "text", text: { inputText: "word ".repeat(600) } }, "exceeds the maximum of 500 tokens"],
    [
      {
        inputType: "multi_input",
        multi_input: {
          inputText: "<@z>",
          mediaSources: [{ name: "a", mediaType: "image", base64String: png }],
        },
      },
      "#/multi_input/inputText: <@z> does not name an entry of [mediaSources]",
    ],
    [{ inputType: "sound" }, "#/inputType: sound is not a valid enum value"],
  ])("3.0 rejects %#", (request, message) => {
    expect(() => marengoEmbed30.invoke(request)).toThrow(message);
  });
});
