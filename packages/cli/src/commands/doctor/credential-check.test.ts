import { describe, expect, it } from "vitest";
import { checkCredentials } from "./credential-check.js";

const SECRET = "never-print-this-secret";
const none = { options: {}, embedded: false, sharedFiles: [] };

describe("checkCredentials", () => {
  it("says where credentials come from and never prints a secret or key", () => {
    const cases = [
      checkCredentials({ ...none, options: { apiKey: SECRET } }, {}),
      checkCredentials(
        { ...none, options: { credentials: { accessKeyId: SECRET, secretAccessKey: SECRET } } },
        {},
      ),
      checkCredentials(none, { AWS_BEARER_TOKEN_BEDROCK: SECRET }),
      checkCredentials(none, {
        AWS_ACCESS_KEY_ID: SECRET,
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: SECRET,
      }),
    ];
    expect(cases.map(({ result }) => result.detail)).toEqual([
      "Bedrock API key from embedder.config.api_key: present",
      "access keys from embedder.config.credentials (without a session token)",
      "Bedrock API key from AWS_BEARER_TOKEN_BEDROCK: present",
      "default chain: access keys from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN)",
    ]);
    expect(JSON.stringify(cases)).not.toContain(SECRET);
  });

  it("prefers explicit config over the environment, as the embedder does", () => {
    const { result } = checkCredentials(
      { ...none, options: { profile: "dev" } },
      { AWS_BEARER_TOKEN_BEDROCK: SECRET },
    );
    expect(result.detail).toBe('profile "dev" (from embedder.config.profile)');
  });

  it("names a profile from AWS_PROFILE and the shared files found", () => {
    expect(checkCredentials(none, { AWS_PROFILE: "work" }).result.detail).toBe(
      'default chain: profile "work" (from AWS_PROFILE)',
    );
    expect(checkCredentials({ ...none, sharedFiles: ["/home/me/.aws/config"] }, {}).result.detail).toBe(
      'default chain: profile "default" of /home/me/.aws/config',
    );
  });

  it("fails on an access key id without its secret", () => {
    const { result } = checkCredentials(none, { AWS_ACCESS_KEY_ID: SECRET });
    expect(result.status).toBe("fail");
    expect(result.fix).toContain("AWS_SECRET_ACCESS_KEY");
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it("leaves the verdict to the model call when nothing is found (an instance role may supply them)", () => {
    expect(checkCredentials(none, {})).toMatchObject({ needsCall: true, result: { status: "fail" } });
  });

  it("reports the emulator's own keys for the embedded emulator", () => {
    expect(
      checkCredentials({ ...none, embedded: true }, { AWS_BEARER_TOKEN_BEDROCK: SECRET }).result.detail,
    ).toContain("embedded emulator");
  });
});
