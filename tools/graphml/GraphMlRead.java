import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.jgrapht.util.SupplierUtil;

/**
 * Reads a GraphML file with JGraphT's GraphMLImporter, which validates it against the GraphML 1.0
 * schema carried in its jar, and prints what it read as one JSON object:
 * {"nodes":{id:{key:value}},"edges":[{"source":…,"target":…,"data":{key:value}}]}.
 * A file the schema or the reader rejects ends with exit 1 and the reason on stderr.
 *
 *   java -cp '.graphml/lib-1.5.2/*' tools/graphml/GraphMlRead.java FILE.graphml
 *   java -cp '.graphml/lib-1.5.2/*' tools/graphml/GraphMlRead.java --schema DIR   (writes graphml.xsd, xlink.xsd for xmllint)
 */
public class GraphMlRead {
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--schema")) {
      for (String name : new String[] {"graphml.xsd", "xlink.xsd"}) {
        try (InputStream in = GraphMLImporter.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) throw new IllegalStateException(name + " is not in the JGraphT jar");
          Files.copy(in, Path.of(args[1], name), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return;
    }
    Graph<String, DefaultWeightedEdge> g =
        GraphTypeBuilder.<String, DefaultWeightedEdge>directed()
            .allowingMultipleEdges(true)
            .allowingSelfLoops(true)
            .weighted(true)
            .edgeSupplier(SupplierUtil.createDefaultWeightedEdgeSupplier())
            .buildGraph();
    Map<String, Map<String, String>> nodes = new TreeMap<>();
    Map<DefaultWeightedEdge, Map<String, String>> edgeData = new LinkedHashMap<>();
    GraphMLImporter<String, DefaultWeightedEdge> importer = new GraphMLImporter<>();
    importer.setSchemaValidation(true);
    importer.setVertexFactory(id -> id);
    importer.addVertexAttributeConsumer(
        (p, a) -> nodes.computeIfAbsent(p.getFirst(), k -> new TreeMap<>()).put(p.getSecond(), a.getValue()));
    importer.addEdgeAttributeConsumer(
        (p, a) -> edgeData.computeIfAbsent(p.getFirst(), k -> new TreeMap<>()).put(p.getSecond(), a.getValue()));
    try {
      importer.importGraph(g, new File(args[0]));
    } catch (Exception e) {
      System.err.println(e.getMessage() + (e.getCause() != null ? ": " + e.getCause().getMessage() : ""));
      System.exit(1);
    }
    StringBuilder out = new StringBuilder("{\"nodes\":{");
    boolean first = true;
    for (String v : new TreeMap<String, Object>(Map.copyOf(vertexMap(g, nodes))).keySet()) {
      if (!first) out.append(',');
      first = false;
      out.append(str(v)).append(':').append(obj(nodes.getOrDefault(v, Map.of())));
    }
    out.append("},\"edges\":[");
    first = true;
    for (DefaultWeightedEdge e : g.edgeSet()) {
      if (!first) out.append(',');
      first = false;
      out.append("{\"source\":").append(str(g.getEdgeSource(e)))
          .append(",\"target\":").append(str(g.getEdgeTarget(e)))
          .append(",\"weight\":").append(g.getEdgeWeight(e))
          .append(",\"data\":").append(obj(edgeData.getOrDefault(e, Map.of()))).append('}');
    }
    System.out.println(out.append("]}"));
  }

  // Private: every vertex the reader made, with or without data.
  private static Map<String, Object> vertexMap(Graph<String, DefaultWeightedEdge> g, Map<String, Map<String, String>> nodes) {
    Map<String, Object> all = new TreeMap<>();
    for (String v : g.vertexSet()) all.put(v, nodes.getOrDefault(v, Map.of()));
    return all;
  }

  private static String obj(Map<String, String> m) {
    StringBuilder b = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
      if (!first) b.append(',');
      first = false;
      b.append(str(e.getKey())).append(':').append(str(e.getValue()));
    }
    return b.append('}').toString();
  }

  // Private: a JSON string (no JSON library on this classpath, and the output is this small).
  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
