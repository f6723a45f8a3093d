import { describeChannelProvider } from "@server/providers/channel-provider.contract";
import { SIMULATOR_DEFAULTS } from "@server/simulator/simulator-options";
import { createGupshupSmsProvider } from "./gupshup-sms";

describeChannelProvider("gupshup-sms", {
  create: ({ baseUrl, timeoutMs, wrongCredentials }) =>
    createGupshupSmsProvider({
      baseUrl,
      userId: SIMULATOR_DEFAULTS.smsUserId,
      password: wrongCredentials ? "wrong-password" : SIMULATOR_DEFAULTS.smsPassword,
      sender: "HOTELS",
      timeoutMs,
    }),
  message: (to) => ({ type: "text", to, text: "Your table is ready" }),
  finalStatus: "DELIVERED",
});
