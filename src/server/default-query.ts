/** What GraphiQL opens with: the question the product exists to answer. */
export const DEFAULT_QUERY = `# Who captured Mosul, and according to which articles?
# (More questions: README.md, "Example queries".)
{
  relations(type: CAPTURED, object: "Mosul") {
    totalCount
    edges {
      node {
        subject { name type }
        time
        articleCount
        evidence { article { title } sentence confidence }
      }
    }
  }
}
`;
