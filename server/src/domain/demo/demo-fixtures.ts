// The demo hotel chain: fixed names and keys so that seeding twice finds what the first run created.

export const DEMO_PROPERTIES = [
  {
    code: "GOA",
    name: "Pod & Beyond Goa",
    whatsappNumber: "917000000001",
    isDefault: true,
    assignmentPolicy: "ALL",
  },
  {
    code: "BLR",
    name: "Pod & Beyond Bengaluru",
    whatsappNumber: "917000000002",
    isDefault: false,
    assignmentPolicy: "BOOKING_LINKED",
  },
] as const;

export const DEMO_STAFF = [
  { email: "admin@commhub.example", name: "Anita Admin", role: "ADMIN", properties: [] },
  { email: "manager.goa@commhub.example", name: "Manoj Menon", role: "MANAGER", properties: ["GOA"] },
  { email: "ravi.goa@commhub.example", name: "Ravi Kumar", role: "AGENT", properties: ["GOA"] },
  { email: "meera.goa@commhub.example", name: "Meera Nair", role: "AGENT", properties: ["GOA"] },
  { email: "sam.blr@commhub.example", name: "Sam Dsouza", role: "AGENT", properties: ["BLR"] },
] as const;

const NAMES = [
  "Aarav Shah",
  "Priya Iyer",
  "Rohan Gupta",
  "Sneha Patil",
  "Vikram Rao",
  "Ananya Das",
  "Karan Mehta",
  "Isha Kapoor",
  "Arjun Reddy",
  "Neha Joshi",
  "Rahul Verma",
  "Pooja Singh",
  "Aditya Jain",
  "Kavya Menon",
  "Siddharth Bose",
  "Riya Chawla",
  "Nikhil Kulkarni",
  "Tanvi Desai",
  "Manish Pillai",
  "Divya Rao",
  "Harsh Malhotra",
  "Meghna Sen",
  "Kunal Arora",
  "Shreya Ghosh",
  "Varun Nair",
  "Aisha Khan",
  "Yash Thakur",
  "Nandini Krishnan",
  "Gaurav Saxena",
  "Simran Bedi",
];

/** Guest i: a contact with one booking, past, current or upcoming, at alternating properties. */
export function demoGuest(i: number, today: Date) {
  const name = NAMES[i] ?? `Guest ${i}`;
  const day = (n: number) => new Date(today.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const timing = i % 3;
  const [checkIn, checkOut, status] =
    timing === 0
      ? [day(-40 + i), day(-37 + i), "CHECKED_OUT"]
      : timing === 1
        ? [day(-1), day(2), "CHECKED_IN"]
        : [day(7 + i), day(9 + i), "CONFIRMED"];
  return {
    reference: `DEMO-${1001 + i}`,
    guestName: name,
    phone: `9198450000${String(i).padStart(2, "0")}`,
    email: `${name.toLowerCase().replace(/\W+/g, ".")}@guest.example`,
    propertyCode: i % 2 === 0 ? "GOA" : "BLR",
    checkIn,
    checkOut,
    status,
  };
}

export type DemoStep =
  | {
      kind: "message";
      guest: number;
      channel: "WHATSAPP" | "SMS";
      direction: "INBOUND" | "OUTBOUND";
      text: string;
      minutesAgo: number;
      status?: "SENT" | "DELIVERED" | "READ" | "FAILED";
    }
  | {
      kind: "call";
      guest: number;
      direction: "INBOUND" | "OUTBOUND";
      status: "ANSWERED" | "MISSED";
      durationSeconds?: number;
      minutesAgo: number;
    }
  | {
      kind: "email";
      guest: number;
      direction: "INBOUND" | "OUTBOUND";
      subject: string;
      body: string;
      minutesAgo: number;
    }
  | { kind: "note"; guest: number; text: string }
  | { kind: "resolve"; guest: number };

export const DEMO_CONVERSATIONS: DemoStep[] = [
  {
    kind: "message",
    guest: 1,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "Hi, can I get an early check-in tomorrow?",
    minutesAgo: 180,
  },
  {
    kind: "message",
    guest: 1,
    channel: "WHATSAPP",
    direction: "OUTBOUND",
    text: "Sure, your pod will be ready by 10 am.",
    minutesAgo: 170,
    status: "READ",
  },
  {
    kind: "message",
    guest: 1,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "Thank you!",
    minutesAgo: 160,
  },
  { kind: "note", guest: 1, text: "Prefers an upper pod; arriving on the early flight." },
  {
    kind: "message",
    guest: 4,
    channel: "SMS",
    direction: "INBOUND",
    text: "Is the airport shuttle running today?",
    minutesAgo: 90,
  },
  {
    kind: "message",
    guest: 4,
    channel: "SMS",
    direction: "OUTBOUND",
    text: "Yes, every hour from 6 am at gate 2.",
    minutesAgo: 85,
    status: "DELIVERED",
  },
  {
    kind: "message",
    guest: 2,
    channel: "WHATSAPP",
    direction: "OUTBOUND",
    text: "Your booking DEMO-1003 is confirmed. Reply here with any question.",
    minutesAgo: 1440,
    status: "READ",
  },
  {
    kind: "email",
    guest: 2,
    direction: "INBOUND",
    subject: "Booking DEMO-1003: late arrival",
    body: "We land at 1 am, will someone be at the desk?",
    minutesAgo: 600,
  },
  {
    kind: "email",
    guest: 2,
    direction: "OUTBOUND",
    subject: "Re: Booking DEMO-1003: late arrival",
    body: "Yes, the desk is open all night.",
    minutesAgo: 580,
  },
  { kind: "call", guest: 7, direction: "INBOUND", status: "MISSED", minutesAgo: 45 },
  {
    kind: "message",
    guest: 7,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "I just called, please call me back.",
    minutesAgo: 44,
  },
  { kind: "call", guest: 7, direction: "OUTBOUND", status: "ANSWERED", durationSeconds: 184, minutesAgo: 30 },
  { kind: "note", guest: 7, text: "Called back: wants a cot for a child, arranged with housekeeping." },
  {
    kind: "message",
    guest: 5,
    channel: "WHATSAPP",
    direction: "OUTBOUND",
    text: "Reminder: check-in is from 2 pm.",
    minutesAgo: 2000,
    status: "FAILED",
  },
  {
    kind: "message",
    guest: 10,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "The AC in pod 204 is not cooling.",
    minutesAgo: 20,
  },
  {
    kind: "message",
    guest: 3,
    channel: "WHATSAPP",
    direction: "INBOUND",
    text: "I left my charger in the pod.",
    minutesAgo: 4320,
  },
  {
    kind: "message",
    guest: 3,
    channel: "WHATSAPP",
    direction: "OUTBOUND",
    text: "Found it, we will courier it today.",
    minutesAgo: 4300,
    status: "READ",
  },
  { kind: "resolve", guest: 3 },
];

/** Canned replies for the desk: chain-wide (property null) or one property's, keyed by scope and shortcut. */
export const DEMO_CANNED_REPLIES: Array<{
  property: "GOA" | "BLR" | null;
  title: string;
  shortcut: string;
  texts: Record<string, string>;
}> = [
  {
    property: null,
    title: "Wi-Fi details",
    shortcut: "wifi",
    texts: {
      en: "Hi {{guest.first_name}}, the Wi-Fi at {{property.name}} is PodGuest, password pod-and-beyond. — {{staff.first_name}}",
      hi: "नमस्ते {{guest.first_name}}, {{property.name}} का वाई-फ़ाई PodGuest है, पासवर्ड pod-and-beyond। — {{staff.first_name}}",
    },
  },
  {
    property: null,
    title: "Check-in time",
    shortcut: "checkin",
    texts: {
      en: "Hi {{guest.first_name}}, check-in at {{property.name}} is from 2 pm on {{booking.check_in}} (booking {{booking.reference}}). Early check-in depends on availability.",
    },
  },
  {
    property: "GOA",
    title: "Parking",
    shortcut: "parking",
    texts: {
      en: "Free parking for guests is behind the building at {{property.name}}; show your booking {{booking.reference}} at the gate.",
    },
  },
  {
    property: null,
    title: "Late checkout",
    shortcut: "late-checkout",
    texts: {
      en: "Hi {{guest.first_name}}, checkout on {{booking.check_out}} is at 11 am. Late checkout until 1 pm is ₹500 if the pod is free; shall I book it?",
    },
  },
];
