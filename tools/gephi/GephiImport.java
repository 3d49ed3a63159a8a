import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.google.gson.GsonBuilder;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.EdgeMergeStrategy;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.importer.api.Report;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports a GraphML file the way Gephi's File > Open does: Gephi's own ImportController picks the
 * importer by extension (ImporterGraphML), the container is verified, and the DefaultProcessor puts
 * it into a new workspace. Prints what the workspace then holds as one JSON object:
 * {"importer","verified","defaultMerge","merge","nodeCount","edgeCount","directed",
 *  "nodeColumns":[{"id","title","type","property"}],"edgeColumns":[…],
 *  "nodes":{id:{"label","attrs":{title:value}}},
 *  "edges":[{"id","source","target","directed","weight","label","kind","attrs":{title:value}}],
 *  "issues":[{"level","message"}]}
 * "issues" are every issue Gephi's import Report lists (importer, container and processor): what the
 * desktop shows in its import report dialog. "--merge" sets the edges merge strategy that dialog
 * offers for parallel edges (EdgeMergeStrategy: SUM, the default, … NO_MERGE); without it Gephi's
 * default applies. A file Gephi cannot import at all ends with exit 1 and the reason on stderr.
 *
 *   java -Djava.awt.headless=true -cp '.gephi/lib-0.10.1/*' tools/gephi/GephiImport.java [--merge NO_MERGE] FILE.graphml
 */
public class GephiImport {
  public static void main(String[] args) throws Exception {
    EdgeMergeStrategy merge = null;
    int at = 0;
    if (args.length == 3 && args[0].equals("--merge")) {
      merge = EdgeMergeStrategy.valueOf(args[1]);
      at = 2;
    }
    File file = new File(args[at]);
    ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
    pc.newProject();
    Workspace workspace = pc.getCurrentWorkspace();
    ImportController ic = Lookup.getDefault().lookup(ImportController.class);
    String importer = ic.getFileImporter(file) == null ? null : ic.getFileImporter(file).getClass().getName();
    Container container;
    try {
      container = ic.importFile(file);
    } catch (Exception e) {
      System.err.println("Gephi could not import " + file + ": " + e);
      System.exit(1);
      return;
    }
    if (container == null) {
      System.err.println("Gephi has no importer for " + file + " or the import failed");
      System.exit(1);
      return;
    }
    String defaultMerge = container.getUnloader().getEdgesMergeStrategy().name();
    if (merge != null) container.getLoader().setEdgesMergeStrategy(merge);
    boolean verified = container.verify();
    // The desktop shows this report (importer and container issues) before it processes the container,
    // and processing discards it: read it now.
    List<Issue> issues = new ArrayList<>();
    collect(container.getReport(), issues);
    DefaultProcessor processor = new DefaultProcessor();
    ic.process(container, processor, workspace);
    collect(processor.getReport(), issues);

    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("importer", importer);
    out.put("verified", verified);
    out.put("defaultMerge", defaultMerge);
    out.put("merge", merge == null ? defaultMerge : merge.name());
    out.put("nodeCount", model.getGraph().getNodeCount());
    out.put("edgeCount", model.getGraph().getEdgeCount());
    out.put("directed", model.isDirected());
    out.put("nodeColumns", columns(model.getNodeTable()));
    out.put("edgeColumns", columns(model.getEdgeTable()));
    Map<String, Object> nodes = new LinkedHashMap<>();
    for (Node n : model.getGraph().getNodes().toArray()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("label", n.getLabel());
      node.put("attrs", attrs(n, model.getNodeTable()));
      nodes.put(String.valueOf(n.getId()), node);
    }
    out.put("nodes", nodes);
    List<Object> edges = new ArrayList<>();
    for (Edge e : model.getGraph().getEdges().toArray()) {
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("id", String.valueOf(e.getId()));
      edge.put("source", String.valueOf(e.getSource().getId()));
      edge.put("target", String.valueOf(e.getTarget().getId()));
      edge.put("directed", e.isDirected());
      edge.put("weight", e.getWeight());
      edge.put("label", e.getLabel());
      edge.put("kind", e.getTypeLabel() == null ? null : String.valueOf(e.getTypeLabel()));
      edge.put("attrs", attrs(e, model.getEdgeTable()));
      edges.add(edge);
    }
    out.put("edges", edges);
    List<Object> reported = new ArrayList<>();
    for (Issue i : issues) reported.add(Map.of("level", i.getLevel().name(), "message", i.getMessage()));
    out.put("issues", reported);
    // Gson comes with Gephi (core-library-wrapper).
    System.out.println(new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(out));
    // NetBeans' lookup leaves non-daemon threads behind; the answer is printed.
    System.exit(0);
  }

  // Private: every issue of a report.
  private static void collect(Report report, List<Issue> into) {
    if (report == null) return;
    Collection<Issue> list = report.getIssuesList(Integer.MAX_VALUE);
    if (list != null) into.addAll(list);
    else for (Iterator<Issue> it = report.getIssues(Integer.MAX_VALUE); it.hasNext(); ) into.add(it.next());
  }

  // Private: the table's columns; Gephi's own (Id, Label, Interval, Weight) are properties, the rest come from <key>s.
  private static List<Object> columns(Table table) {
    List<Object> list = new ArrayList<>();
    for (Column c : table.toArray()) {
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("id", c.getId());
      col.put("title", c.getTitle());
      col.put("type", c.getTypeClass().getSimpleName());
      col.put("property", c.isProperty());
      list.add(col);
    }
    return list;
  }

  // Private: an element's non-property attribute values by column title, as strings.
  private static Map<String, String> attrs(Element el, Table table) {
    Map<String, String> m = new TreeMap<>();
    for (Column c : table.toArray()) {
      if (c.isProperty()) continue;
      Object v = el.getAttribute(c);
      if (v != null) m.put(c.getTitle(), String.valueOf(v));
    }
    return m;
  }
}
