/**
 * SNS's awsQuery wire format, as `@aws-sdk/client-sns` 3.x speaks it (checked against its `AwsQueryProtocol`
 * serializer): a form-urlencoded POST body `Action=PublishBatch&Version=2010-03-31&TopicArn=...` with lists as
 * `Name.member.N` and maps as `Name.entry.N.Name` / `Name.entry.N.Value.*`, answered with XML in the
 * `http://sns.amazonaws.com/doc/2010-03-31/` namespace.
 */

export const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** One message attribute as it arrived: `DataType` plus `StringValue` or `BinaryValue` (base64). */
export interface WireAttribute {
  readonly dataType: string | undefined;
  readonly stringValue: string | undefined;
  readonly binaryValue: string | undefined;
}

/** One message (a Publish call, or one entry of a PublishBatch call) as it arrived. */
export interface WireMessage {
  /** The batch entry id; undefined for Publish. */
  readonly id: string | undefined;
  readonly message: string | undefined;
  readonly subject: string | undefined;
  readonly messageStructure: string | undefined;
  readonly attributes: ReadonlyMap<string, WireAttribute>;
}

/** A decoded request body. `entries` is undefined when the body had no PublishBatchRequestEntries at all. */
export interface WireRequest {
  readonly action: string | undefined;
  readonly version: string | undefined;
  readonly topicArn: string | undefined;
  readonly name: string | undefined;
  readonly single: WireMessage;
  readonly entries: readonly WireMessage[] | undefined;
}

/** Decodes an awsQuery form body. `URLSearchParams` matches the SDK's percent-encoding (it sends `%20`, `%2B`). */
export function parseQueryBody(body: string): WireRequest {
  const form = new Map(new URLSearchParams(body));
  return {
    action: form.get('Action'),
    version: form.get('Version'),
    topicArn: form.get('TopicArn') ?? form.get('TargetArn'),
    name: form.get('Name'),
    single: readMessage(form, ''),
    entries: readEntries(form),
  };
}

function readEntries(form: ReadonlyMap<string, string>): WireMessage[] | undefined {
  const prefix = 'PublishBatchRequestEntries';
  // An empty list is serialised as `PublishBatchRequestEntries=` (serializeEmptyLists).
  if (form.has(prefix)) return [];
  const entries: WireMessage[] = [];
  for (let i = 1; hasPrefix(form, `${prefix}.member.${i}.`); i++) {
    entries.push(readMessage(form, `${prefix}.member.${i}.`));
  }
  return entries.length > 0 ? entries : undefined;
}

function readMessage(form: ReadonlyMap<string, string>, prefix: string): WireMessage {
  const attributes = new Map<string, WireAttribute>();
  for (let i = 1; form.has(`${prefix}MessageAttributes.entry.${i}.Name`); i++) {
    const at = `${prefix}MessageAttributes.entry.${i}.`;
    attributes.set(form.get(`${at}Name`) ?? '', {
      dataType: form.get(`${at}Value.DataType`),
      stringValue: form.get(`${at}Value.StringValue`),
      binaryValue: form.get(`${at}Value.BinaryValue`),
    });
  }
  return {
    id: form.get(`${prefix}Id`),
    message: form.get(`${prefix}Message`),
    subject: form.get(`${prefix}Subject`),
    messageStructure: form.get(`${prefix}MessageStructure`),
    attributes,
  };
}

function hasPrefix(form: ReadonlyMap<string, string>, prefix: string): boolean {
  for (const key of form.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

/** Escapes text for an XML element body. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<XResponse><XResult>result</XResult><ResponseMetadata>...` as SNS answers every action. */
export function resultXml(action: string, resultBody: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${SNS_XMLNS}"><${action}Result>${resultBody}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** A batch entry outcome, as listed under `<Successful>` or `<Failed>`. */
export type BatchOutcome =
  | { readonly ok: true; readonly id: string; readonly messageId: string }
  | {
      readonly ok: false;
      readonly id: string;
      readonly code: string;
      readonly message: string;
      readonly senderFault: boolean;
    };

/** The `<PublishBatchResult>` body. */
export function batchResultBody(outcomes: readonly BatchOutcome[]): string {
  const member = (o: BatchOutcome) =>
    o.ok
      ? `<member><Id>${xmlText(o.id)}</Id><MessageId>${o.messageId}</MessageId></member>`
      : `<member><Id>${xmlText(o.id)}</Id><Code>${o.code}</Code><Message>${xmlText(o.message)}</Message>` +
        `<SenderFault>${o.senderFault}</SenderFault></member>`;
  const ok = outcomes.filter((o) => o.ok).map(member);
  const failed = outcomes.filter((o) => !o.ok).map(member);
  return `<Successful>${ok.join('')}</Successful><Failed>${failed.join('')}</Failed>`;
}

/** The `<ErrorResponse>` SNS sends with a 4xx/5xx status. */
export function errorXml(
  type: 'Sender' | 'Receiver',
  code: string,
  message: string,
  requestId: string,
): string {
  return (
    `<ErrorResponse xmlns="${SNS_XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code>` +
    `<Message>${xmlText(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
