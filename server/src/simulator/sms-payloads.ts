import type { AcceptedMessage } from "./simulator-state";

// Enterprise SMS delivery reports (docs/gupshup-formats.md §7.2).

/** An Enterprise SMS delivery report, as the fields of the GET query string. */
export function smsDlrFields(
  msg: AcceptedMessage,
  delivered: boolean,
  sender: string,
  nowMs: number,
): Record<string, string> {
  return {
    externalId: msg.messageId,
    deliveredTS: String(nowMs),
    status: delivered ? "SUCCESS" : "FAILURE",
    cause: delivered ? "SUCCESS" : "UNKNOWN_SUBSCRIBER",
    phoneNo: msg.destination,
    errCode: delivered ? "000" : "003",
    noOfFrags: "1",
    mask: sender,
  };
}

/** The same report as one element of the POST `response` batch. */
export function smsDlrBatchItem(fields: Record<string, string>): object {
  return {
    externalId: fields.externalId,
    eventType: fields.status === "SUCCESS" ? "DELIVERED" : "FAILED",
    eventTs: Number(fields.deliveredTS),
    destAddr: fields.phoneNo,
    srcAddr: fields.mask,
    cause: fields.cause,
    errCode: fields.errCode,
    channel: "SMS",
    noOfFrags: 1,
  };
}
