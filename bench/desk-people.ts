// A studio's worth of made-up clients for `npm run bench:desk`: names from the many origins a
// London studio's clients have, emails at the usual providers, UK mobile numbers as the studio
// stores them (E.164). A fixed seed makes every run search the same people.

/** Names one per word, one origin per line; lines starting with # say which. */
const words = (text: string) =>
  text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .join(" ")
    .split(/\s+/)
    .filter(Boolean);

const FIRST_NAMES = words(`
  # British and Irish
  Oliver Amelia George Isla Harry Ava Jack Emily Charlie Sophie
  Thomas Grace James Lily William Freya Alfie Ella Henry Evie
  Siobhan Niamh Ciaran Aoife Eoin Saoirse Rhys Cerys Callum Eilidh
  # South Asian
  Aarav Priya Rohan Ananya Arjun Diya Vikram Meera Sanjay Kavya
  Imran Ayesha Bilal Fatima Hamza Zara Harpreet Gurpreet Navjot Simran
  # African and Caribbean
  Amara Chidi Ngozi Kwame Adaeze Tunde Folake Kofi Abena Emeka
  Yaw Zainab Oluwaseun Chiamaka Themba Nia Jahmal Shanice Tyrone Kezia
  # East and South-East Asian
  Wei Mei Jun Hana Yuki Kenji Min-jun Seo-yeon Linh Thanh
  Hiroshi Sakura Jia Xin Haruto Ji-woo Anh Minh Rizal Ayu
  # European
  Lukas Zofia Mateusz Agnieszka Andrei Ioana Luca Giulia Matteo Chiara
  Pablo Lucía Javier Carmen João Inês Chloé Léa Hugo Zoë
  Søren Ingrid Björn Astrid Nikos Eleni Dimitri Katarzyna Tomás Marta
  # Middle Eastern and North African
  Omar Layla Yusuf Noor Karim Yasmin Tariq Leila Mehmet Elif
  Amir Shirin Dariush Samira Youssef Rania Ali Alia Hassan Salma
  # Latin American
  Mateo Valentina Santiago Camila Diego Isabela Alejandro Gabriela Rafael Luana
  # More that begin alike, as real first names do
  Alice Alistair Alexander Natalie Natalia Samuel Smita Sami Alina Khalid
`);

const LAST_NAMES = words(`
  # British and Irish
  Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright
  Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke
  O'Brien Murphy Kelly McCarthy Byrne MacDonald Campbell Stewart Hughes Llewellyn
  # South Asian
  Patel Shah Singh Kaur Sharma Gupta Khan Ahmed Hussain Chowdhury
  Iyer Reddy Nair Mehta Malik Qureshi Bhatt Desai Sandhu Rahman
  # African and Caribbean
  Okafor Adeyemi Mensah Boateng Okonkwo Balogun Nwosu Asante Owusu Eze
  Campbell-Brown Francis Grant Morgan Dlamini Ndlovu Kamara Conteh Abiodun Oyelaran
  # East and South-East Asian
  Wang Li Zhang Chen Liu Nguyen Tran Kim Park Lee
  Tanaka Suzuki Sato Takahashi Wong Chan Lim Tan Santos Reyes
  # European
  Kowalski Nowak Wiśniewska Popescu Ionescu Rossi Russo Bianchi Ferrari Esposito
  García Fernández López Martínez Silva Costa Dubois Martin Bernard Müller
  Schmidt Jensen Nielsen Andersson Johansson Papadopoulos Novak Horvat Kovač Varga
  # Middle Eastern and North African
  Haddad Mansour Farouk Saleh Yilmaz Demir Kaya Hosseini Karimi Rahimi
  El-Amin Aziz Nasser Khoury Benali Bakr Abbasi Alavi Sabbagh Darwish
  # Latin American
  Rodríguez Gómez Díaz Hernández Pérez Sánchez Ramírez Torres Flores Alvarez
`);

const EMAIL_DOMAINS = words(`
  gmail.com gmail.com gmail.com outlook.com hotmail.co.uk yahoo.co.uk
  icloud.com btinternet.com live.co.uk proton.me sky.com virginmedia.com
`);

/** mulberry32: small, fast and good enough to pick names; the same seed gives the same studio. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof seededRandom>;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** "Zoë O'Brien" -> "zoe.obrien": what people put before the @. */
const mailbox = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replaceAll("ø", "o")
    .toLowerCase()
    .replace(/[^a-z]/g, "");

export type MadeUpClient = { fullName: string; email: string; phone: string | null };

/** `count` clients with distinct emails and phones; about one in twelve gave no phone. */
export function madeUpClients(count: number, random: Random): MadeUpClient[] {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const clients: MadeUpClient[] = [];
  while (clients.length < count) {
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const style = random();
    const local =
      style < 0.45
        ? `${mailbox(first)}.${mailbox(last)}`
        : style < 0.7
          ? `${mailbox(first)}${mailbox(last)}${Math.floor(random() * 100)}`
          : style < 0.85
            ? `${mailbox(first).charAt(0)}${mailbox(last)}`
            : `${mailbox(last)}.${mailbox(first)}${1960 + Math.floor(random() * 45)}`;
    const email = `${local}@${pick(random, EMAIL_DOMAINS)}`;
    if (emails.has(email)) continue;
    // UK mobiles: 07 then nine digits, stored as +44 7...
    let phone: string | null = null;
    if (random() >= 0.08) {
      do {
        phone = `+447${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
      } while (phones.has(phone));
      phones.add(phone);
    }
    emails.add(email);
    clients.push({ fullName: `${first} ${last}`, email, phone });
  }
  return clients;
}
