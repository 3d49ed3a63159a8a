/** The analyst questions shown in README.md (also what GraphiQL users start from). */
export const EXAMPLES: { title: string; query: string }[] = [
  {
    title: "1. Who captured Mosul, and according to which articles?",
    query: `{
  relations(type: CAPTURED, object: "Mosul") {
    totalCount
    edges { node { subject { name type } time articleCount firstSeen
      evidence { article { key title } sentence confidence } } }
  }
}`,
  },
  {
    title: "2. Who leads ISIS?",
    query: `{
  relations(type: LEADS, object: "ISIS") {
    edges { node { subject { name aliases } time evidence { article { key } sentence } } }
  }
}`,
  },
  {
    title: "3. Everything about al-Abadi: which articles, what relations",
    query: `{
  entity(name: "al-Abadi") {
    id name type aliases
    articles { totalCount edges { node { mentions article { key title } } } }
    relations(direction: OUT) { type object { ... on Entity { name } } articleCount }
  }
}`,
  },
  {
    title: "4. What did James Jeffrey say?",
    query: `{
  quotes(speaker: "James Jeffrey") {
    edges { node { text speaker { name } article { key } } }
  }
}`,
  },
  {
    title: "5. What links Donald Trump to Abu Bakr al-Baghdadi?",
    query: `{
  connections(from: "Donald Trump", to: "Abu Bakr al-Baghdadi", maxHops: 6) {
    length
    nodes { name }
    hops { relation { type subject { name } object { ... on Entity { name } } } article { key } }
  }
}`,
  },
  {
    title: "6. What do the two articles agree on?",
    query: `{
  compareArticles(a: "us-big-win-in-iraq", b: "liberation-of-mosul-editorial") {
    sharedEntities { name type }
    sharedRelations { type subject { name } object { ... on Entity { name } } }
    onlyInA { type subject { name } object { ... on Entity { name } } }
    onlyInB { type subject { name } object { ... on Entity { name } } }
  }
}`,
  },
  {
    title: "7. Who was supported by whom?",
    query: `{
  relations(type: SUPPORTED_BY) {
    edges { node { subject { name } object { ... on Entity { name } } evidence { sentence } } }
  }
}`,
  },
  {
    title: "8. Find entities by name, ranked (full-text over names and aliases)",
    query: `{
  entities(search: "islamic", first: 5) { totalCount edges { node { name type aliases articleCount } } }
}`,
  },
];
