import { describeChannelProvider } from "@server/providers/channel-provider.contract";
import { SIMULATOR_DEFAULTS } from "@server/simulator/simulator-options";
import { createGupshupWhatsappProvider } from "./gupshup-whatsapp";

describeChannelProvider("gupshup-whatsapp", {
  create: ({ baseUrl, timeoutMs, wrongCredentials }) =>
    createGupshupWhatsappProvider({
      apiKey: wrongCredentials ? "not-the-key" : SIMULATOR_DEFAULTS.apiKey,
      appName: SIMULATOR_DEFAULTS.appName,
      source: SIMULATOR_DEFAULTS.source,
      baseUrl,
      timeoutMs,
    }),
  message: (to) => ({ type: "text", to, text: "Your room is ready" }),
  finalStatus: "READ",
  // Free-form WhatsApp needs the guest to have written in the last 24 hours.
  prepare: async (simulator, recipient) => {
    await simulator.inbound({ from: recipient, name: "Asha", text: "Is my room ready?" });
  },
});
