package kg.gephi;

import java.io.File;
import java.lang.reflect.Array;
import java.util.Iterator;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.EdgeMergeStrategy;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports a GEXF or GraphML file (by its extension) the way Gephi does and prints one
 * tab-separated fact per line: ISSUE level message / GRAPH nodes edges timeformat /
 * NODECOL name type / EDGECOL name type / NODE id label / NODEVIZ id r g b alpha size x y /
 * EDGE id source target directed kind timeset / ATTR node|edge id column json-value, where a
 * column is named by its id for Gephi's own columns (label, weight) and else by its title (the
 * attribute's name: GraphML column ids are the file's key ids).
 * With --no-merge, parallel edges are kept ("Don't merge" in Gephi's import dialog); with
 * --no-autoscale, positions and sizes are kept as written (Gephi rescales them by default).
 */
public final class GephiCheck {
  public static void main(String[] args) throws Exception {
    boolean noMerge = java.util.Arrays.asList(args).contains("--no-merge");
    boolean noScale = java.util.Arrays.asList(args).contains("--no-autoscale");
    ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
    projects.newProject();
    Workspace workspace = projects.getCurrentWorkspace();
    ImportController importer = Lookup.getDefault().lookup(ImportController.class);
    Container container = importer.importFile(new File(args[0]));
    if (container == null) {
      System.out.println("FAILED\timport returned no container");
      System.exit(2);
    }
    if (noMerge) container.getLoader().setEdgesMergeStrategy(EdgeMergeStrategy.NO_MERGE);
    if (noScale) container.getLoader().setAutoScale(false);
    for (Iterator<Issue> it = container.getReport().getIssues(10_000); it.hasNext(); ) {
      Issue issue = it.next();
      System.out.println("ISSUE\t" + issue.getLevel() + "\t" + oneLine(issue.getMessage()));
    }
    importer.process(container, new DefaultProcessor(), workspace);
    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    Graph graph = model.getGraph();
    StringBuilder out = new StringBuilder();
    out.append("GRAPH\t").append(graph.getNodeCount()).append('\t').append(graph.getEdgeCount())
        .append('\t').append(model.getTimeFormat()).append('\n');
    for (Column c : model.getNodeTable()) out.append("NODECOL\t").append(c.isProperty() ? c.getId() : c.getTitle()).append('\t').append(c.getTypeClass().getSimpleName()).append('\n');
    for (Column c : model.getEdgeTable()) out.append("EDGECOL\t").append(c.isProperty() ? c.getId() : c.getTitle()).append('\t').append(c.getTypeClass().getSimpleName()).append('\n');
    for (Node n : graph.getNodes()) {
      out.append("NODE\t").append(n.getId()).append('\t').append(oneLine(n.getLabel())).append('\n');
      out.append("NODEVIZ\t").append(n.getId()).append('\t').append(n.getColor().getRed()).append('\t')
          .append(n.getColor().getGreen()).append('\t').append(n.getColor().getBlue()).append('\t')
          .append(n.getColor().getAlpha()).append('\t').append(n.size()).append('\t').append(n.x())
          .append('\t').append(n.y()).append('\n');
      attributes(out, "node", n, model.getNodeTable());
    }
    Column timeset = model.getEdgeTable().getColumn("timeset");
    for (Edge e : graph.getEdges()) {
      Object time = timeset == null ? null : e.getAttribute(timeset);
      out.append("EDGE\t").append(e.getId()).append('\t').append(e.getSource().getId()).append('\t')
          .append(e.getTarget().getId()).append('\t').append(e.isDirected()).append('\t')
          .append(model.getEdgeTypeLabel(e.getType())).append('\t').append(time).append('\n');
      attributes(out, "edge", e, model.getEdgeTable());
    }
    System.out.print(out);
    System.out.flush();
    System.exit(0);
  }

  /** Every non-empty attribute value except the id and the time set, as JSON. */
  private static void attributes(StringBuilder out, String kind, Element element, Table table) {
    for (Column c : table) {
      String id = c.getId();
      if ("id".equals(id) || "timeset".equals(id)) continue;
      Object value = element.getAttribute(c);
      if (value == null) continue;
      String name = c.isProperty() ? id : c.getTitle();
      out.append("ATTR\t").append(kind).append('\t').append(element.getId()).append('\t').append(name)
          .append('\t');
      json(out, value);
      out.append('\n');
    }
  }

  private static void json(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) out.append(value); else out.append("null");
    } else if (value.getClass().isArray()) {
      out.append('[');
      for (int i = 0; i < Array.getLength(value); i++) {
        if (i > 0) out.append(',');
        json(out, Array.get(value, i));
      }
      out.append(']');
    } else {
      String s = value.toString();
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '"' || ch == '\\') out.append('\\').append(ch);
        else if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
        else out.append(ch);
      }
      out.append('"');
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }
}
