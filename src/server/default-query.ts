/** What GraphiQL opens with: the question the product exists to answer. */
export const DEFAULT_QUERY = `# Who captured Mosul, and according to which articles?
{
  stats { articles entities relations }
}
`;
