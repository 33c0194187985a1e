import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/domain/errors.js";
import { INTENTS, type Intent } from "../../src/domain/intent.js";
import { defaultKnowledgePaths, loadKnowledge } from "../../src/knowledge/load-knowledge.js";
import { composeReply } from "../../src/replies/compose-reply.js";
import { findUrls } from "../../src/replies/count-length.js";
import { validateAnswerTemplates } from "../../src/replies/validate-answer-templates.js";
import { realKnowledge, replyProblems } from "./knowledge-fixture.js";
import { FACEBOOK_FORM, INSTAGRAM_FORM, MOMENTS, mastodonLength } from "./reply-helpers.js";

type Phase = keyof typeof MOMENTS;
type Language = "de" | "en";
const knowledge = realKnowledge();

/** What each answer must carry (../shared/intents.md), per language and phase. */
interface Facts {
  readonly has: readonly string[];
  readonly hasNot?: readonly string[];
}
const DATES = {
  de: { deadline: "26.05.2025", usage: "27.05.2025" },
  en: { deadline: "26 May 2025", usage: "27 May 2025" },
};
const DEADLINE_FACTS: Record<Language, Record<Phase, Facts>> = {
  de: {
    before: {
      has: ["Noch 3 Tage", "bis Montag, 26.05.2025", "Ab dem 27.05.2025", "nachträglicher Widerspruch"],
    },
    on: { has: ["Heute ist der letzte Tag", "26.05.2025", "27.05.2025", "nachträglicher Widerspruch"] },
    after: {
      has: [
        "Die Frist ist am 26.05.2025 abgelaufen; ein nachträglicher Widerspruch soll laut dem Artikel nicht möglich sein",
        "27.05.2025",
      ],
      hasNot: ["Noch", "Heute", FACEBOOK_FORM, INSTAGRAM_FORM],
    },
  },
  en: {
    before: { has: ["3 days left", "until Monday, 26 May 2025", "From 27 May 2025", "later objection"] },
    on: { has: ["Today is the last day", "26 May 2025", "27 May 2025", "later objection"] },
    after: {
      has: ["The deadline passed on 26 May 2025", "a later objection is not possible", "27 May 2025"],
      hasNot: ["left", "Today", FACEBOOK_FORM, INSTAGRAM_FORM],
    },
  },
};

function formFacts(language: Language, phase: Phase, link: string, other: string): Facts {
  const { deadline } = DATES[language];
  const de = language === "de";
  const byPhase: Record<Phase, Facts> = {
    before: { has: [link, deadline, de ? "Noch 3 Tage" : "3 days left"] },
    on: { has: [link, deadline, de ? "Heute ist der letzte Tag" : "Today is the last day"] },
    after: {
      has: [link, de ? "Die Frist ist am 26.05.2025 abgelaufen" : "The deadline passed on 26 May 2025"],
      hasNot: de ? ["widersprichst du", "Noch"] : ["use this form", "left"],
    },
  };
  const facts = byPhase[phase];
  return { has: facts.has, hasNot: [...(facts.hasNot ?? []), other] };
}

function factsFor(intent: Exclude<Intent, "thanks">, language: Language, phase: Phase): Facts {
  const de = language === "de";
  switch (intent) {
    case "form_facebook":
      return formFacts(language, phase, FACEBOOK_FORM, INSTAGRAM_FORM);
    case "form_instagram":
      return formFacts(language, phase, INSTAGRAM_FORM, FACEBOOK_FORM);
    case "deadline":
      return DEADLINE_FACTS[language][phase];
    case "status_post":
      return phase === "after"
        ? { has: [de ? "keine Wirkung" : "no effect", DATES[language].deadline], hasNot: [FACEBOOK_FORM] }
        : {
            has: [
              de ? "Hiermit widerspreche ich" : "I hereby object",
              de ? "keine Wirkung" : "no effect",
              de
                ? "Es zählt nur der Widerspruch über Metas Formular"
                : "Only the objection through Meta's form",
              FACEBOOK_FORM,
              INSTAGRAM_FORM,
            ],
          };
    case "alternatives":
      return {
        has: [
          "Fediverse",
          "Instagram → Pixelfed",
          "WhatsApp → Matrix",
          "Threads → Mastodon",
          "Facebook → Friendica",
        ],
      };
    case "affected_data":
      return de
        ? { has: ["Beiträge", "Kommentare", "Bilder/Fotos", "öffentlich sichtbar"] }
        : { has: ["posts", "comments", "pictures/photos", "publicly visible"] };
    case "objection_scope":
      return de
        ? { has: ["nur", "KI-Training", "sammelt und", "nutzt weiterhin Daten", "nicht für die KI"] }
        : { has: ["only stops", "AI training", "keeps collecting and", "using data", "not for AI"] };
    case "delete_account":
      return {
        has: [
          "(Facebook, Instagram, Threads, WhatsApp)",
          de ? "löschen" : "delete all",
          de ? "nicht mehr nutzen" : "stop using",
        ],
      };
    case "purpose":
      return de
        ? { has: ["Werbekunden", "gezielter Werbung"] }
        : { has: ["advertisers", "more targeted ads"] };
    case "help":
      return de
        ? { has: ["Facebook", "Instagram", "Frist", "Statuspost", "Alternativen", "Frag zum Beispiel: „"] }
        : {
            has: ["Facebook", "Instagram", "deadline", "status post", "alternatives", "For example, ask: “"],
          };
  }
}

const ANSWERED = INTENTS.filter((id): id is Exclude<Intent, "thanks"> => id !== "thanks");
const PHASES: Phase[] = ["before", "on", "after"];
const ALLOWED_DATES = new Set(["26.05.2025", "27.05.2025"]);

describe.each(["de", "en"] as const)("answers in %s", (language) => {
  for (const phase of PHASES) {
    for (const intent of ANSWERED) {
      it(`${intent} ${phase} the deadline: one post with its facts`, () => {
        const { posts } = composeReply({
          intents: [intent],
          language,
          now: MOMENTS[phase],
          author: { acct: "alice" },
          knowledge,
        });
        expect(posts).toHaveLength(1);
        const post = posts[0]!;
        expect(mastodonLength(post)).toBeLessThanOrEqual(500);
        expect(post).not.toMatch(/[{}]/);
        expect(post.startsWith("@alice ")).toBe(true);
        const facts = factsFor(intent, language, phase);
        for (const fact of facts.has) expect(post).toContain(fact);
        for (const fact of facts.hasNot ?? []) expect(post).not.toContain(fact);
        // No fact from outside the article: only its two links and its two dates.
        for (const url of findUrls(post)) expect([FACEBOOK_FORM, INSTAGRAM_FORM]).toContain(url);
        for (const date of post.match(/\d{2}\.\d{2}\.\d{4}/g) ?? []) expect(ALLOWED_DATES).toContain(date);
      });
    }
  }

  it("has a fallback menu with an example question", () => {
    const [post] = composeReply({
      intents: [],
      language,
      now: MOMENTS.before,
      author: { acct: "alice" },
      knowledge,
    }).posts;
    expect(mastodonLength(post!)).toBeLessThanOrEqual(500);
    expect(post).toMatch(language === "de" ? /Frag zum Beispiel: „.+\?“/ : /For example, ask: “.+\?”/);
    for (const topic of language === "de"
      ? ["Facebook", "Frist", "Alternativen"]
      : ["Facebook", "deadline", "alternatives"]) {
      expect(post).toContain(topic);
    }
  });

  it("the deadline countdown says 1 day on the day before", () => {
    const [post] = composeReply({
      intents: ["deadline"],
      language,
      now: new Date("2025-05-25T12:00:00Z"),
      author: { acct: "alice" },
      knowledge,
    }).posts;
    expect(post).toContain(language === "de" ? "Noch 1 Tag:" : "1 day left:");
  });
});

/** Per language: the words that carry each fact, translated from the German answers. */
interface TranslatedFacts {
  readonly deadline: string;
  readonly usage: string;
  readonly threeDaysLeft: string;
  readonly oneDayLeft: string;
  readonly until: string;
  readonly lastDay: string;
  readonly passed: string;
  readonly statusPost: readonly string[];
  readonly affected: readonly string[];
  readonly scope: readonly string[];
  readonly deleteAll: string;
  readonly purpose: readonly string[];
  readonly menu: readonly string[];
}
const TRANSLATED: Record<"fr" | "es" | "it" | "pt", TranslatedFacts> = {
  fr: {
    deadline: "26 mai 2025",
    usage: "27 mai 2025",
    threeDaysLeft: "Encore 3 jours :",
    oneDayLeft: "Encore 1 jour :",
    until: "jusqu'au lundi 26 mai 2025",
    lastDay: "C'est le dernier jour",
    passed: "Le délai a expiré le 26 mai 2025",
    statusPost: ["Par la présente, je m'oppose", "aucun effet"],
    affected: ["publications", "commentaires", "images/photos", "visibles publiquement"],
    scope: ["seulement", "pas pour l'IA"],
    deleteAll: "supprimer",
    purpose: ["annonceurs", "ciblée"],
    menu: ["Délai", "Alternatives", "Demande par exemple : « "],
  },
  es: {
    deadline: "26 de mayo de 2025",
    usage: "27 de mayo de 2025",
    threeDaysLeft: "Quedan 3 días:",
    oneDayLeft: "Queda 1 día:",
    until: "hasta el lunes 26 de mayo de 2025",
    lastDay: "Hoy es el último día",
    passed: "El plazo terminó el 26 de mayo de 2025",
    statusPost: ["Por la presente me opongo", "ningún efecto"],
    affected: ["publicaciones", "comentarios", "imágenes/fotos", "visibles públicamente"],
    scope: ["solo", "no para la IA"],
    deleteAll: "borrar",
    purpose: ["anunciantes", "dirigida"],
    menu: ["Plazo", "Alternativas", "Pregunta, por ejemplo: «"],
  },
  it: {
    deadline: "26 maggio 2025",
    usage: "27 maggio 2025",
    threeDaysLeft: "Mancano 3 giorni:",
    oneDayLeft: "Manca 1 giorno:",
    until: "entro lunedì 26 maggio 2025",
    lastDay: "Oggi è l'ultimo giorno",
    passed: "Il termine è scaduto il 26 maggio 2025",
    statusPost: ["Con la presente mi oppongo", "alcun effetto"],
    affected: ["post", "commenti", "immagini/foto", "visibili pubblicamente"],
    scope: ["solo", "non per l'IA"],
    deleteAll: "cancellare",
    purpose: ["inserzionisti", "mirata"],
    menu: ["Scadenza", "Alternative", "Chiedi per esempio: «"],
  },
  pt: {
    deadline: "26 de maio de 2025",
    usage: "27 de maio de 2025",
    threeDaysLeft: "Faltam 3 dias:",
    oneDayLeft: "Falta 1 dia:",
    until: "até segunda-feira, 26 de maio de 2025",
    lastDay: "Hoje é o último dia",
    passed: "O prazo terminou a 26 de maio de 2025",
    statusPost: ["Pela presente, oponho-me", "efeito nenhum"],
    affected: ["publicações", "comentários", "imagens/fotos", "visíveis publicamente"],
    scope: ["só", "não para a IA"],
    deleteAll: "apagar",
    purpose: ["anunciantes", "direcionada"],
    menu: ["Prazo", "Alternativas", "Pergunta, por exemplo: «"],
  },
};

function translatedFacts(
  t: TranslatedFacts,
  intent: Exclude<Intent, "thanks">,
  phase: Phase,
): readonly string[] {
  const dated = { before: [t.threeDaysLeft, t.until], on: [t.lastDay, t.deadline], after: [t.passed] }[phase];
  switch (intent) {
    case "form_facebook":
      return [FACEBOOK_FORM, ...dated];
    case "form_instagram":
      return [INSTAGRAM_FORM, ...dated];
    case "deadline":
      return [...dated, t.usage];
    case "status_post":
      return phase === "after"
        ? [t.statusPost[1]!, t.passed]
        : [...t.statusPost, FACEBOOK_FORM, INSTAGRAM_FORM];
    case "affected_data":
      return t.affected;
    case "objection_scope":
      return t.scope;
    case "delete_account":
      return ["(Facebook, Instagram, Threads, WhatsApp)", t.deleteAll];
    case "purpose":
      return t.purpose;
    case "alternatives":
      return ["Instagram → Pixelfed", "WhatsApp → Matrix", "Threads → Mastodon", "Facebook → Friendica"];
    case "help":
      return ["Facebook", "Instagram", ...t.menu];
  }
}

describe.each(Object.entries(TRANSLATED))("answers in %s", (language, t) => {
  const compose = (intents: Intent[], now: Date) =>
    composeReply({ intents, language, now, author: { acct: "alice" }, knowledge });

  for (const phase of PHASES) {
    for (const intent of ANSWERED) {
      it(`${intent} ${phase} the deadline: one post in ${language} with the German answer's facts`, () => {
        const { posts, language: answered } = compose([intent], MOMENTS[phase]);
        expect(answered).toBe(language);
        expect(posts).toHaveLength(1);
        const post = posts[0]!;
        expect(mastodonLength(post)).toBeLessThanOrEqual(500);
        expect(post).not.toMatch(/[{}]/);
        expect(post).not.toContain("Widerspruch");
        for (const fact of translatedFacts(t, intent, phase)) expect(post).toContain(fact);
        for (const url of findUrls(post)) expect([FACEBOOK_FORM, INSTAGRAM_FORM]).toContain(url);
        // Only the article's two dates, written the way this language writes them.
        expect(post).not.toMatch(/\d{2}\.\d{2}\.\d{4}/);
        for (const year of post.match(/\d+ (?:de )?\p{L}+ (?:de )?2025/gu) ?? [])
          expect([t.deadline, t.usage]).toContain(year);
      });
    }
  }

  it("has a fallback menu with an example question that fits one post", () => {
    const [post] = compose([], MOMENTS.before).posts;
    expect(mastodonLength(post!)).toBeLessThanOrEqual(500);
    expect(post).toContain(t.menu[2]!);
    expect(post).toMatch(/\?\s?»$/);
  });

  it("the deadline countdown says 1 day on the day before", () => {
    const [post] = compose(["deadline"], new Date("2025-05-25T12:00:00Z")).posts;
    expect(post).toContain(t.oneDayLeft);
  });
});

describe("the real knowledge files", () => {
  it("load, or fail only on the matcher's rules and concepts", () => {
    try {
      const loaded = loadKnowledge(defaultKnowledgePaths("config"));
      expect([...loaded.languages.keys()].sort()).toEqual([
        "de",
        "en",
        "es",
        "fr",
        "it",
        "nl",
        "pl",
        "pt",
        "sv",
      ]);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(replyProblems((error as ConfigError).problems)).toEqual([]);
    }
  });

  it("have valid answer templates", () => {
    expect(validateAnswerTemplates(knowledge)).toEqual([]);
  });

  it("give the deadline answer the moment Berlin's last day starts (22:30 UTC the day before)", () => {
    const [post] = composeReply({
      intents: ["deadline"],
      language: "de",
      now: new Date("2025-05-25T22:30:00Z"),
      author: { acct: "alice" },
      knowledge,
    }).posts;
    expect(post).toContain("Heute ist der letzte Tag");
  });
});
