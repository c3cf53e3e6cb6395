/**
 * The local commands talk to the embedded DynamoDB-compatible store through the AWS SDK, which warns on
 * Node 20 that its releases after January 2027 will need Node 22. That says nothing about a local run and
 * would be the first thing a new user reads after `npm start`, so the local commands turn it off (unless the
 * user has set the variable themselves). The deployed functions run on nodejs22.x and never see it.
 */
export function quietSdkNodeWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
