package kg.gephi;

import java.io.File;
import java.util.Iterator;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports a GEXF file the way Gephi does and prints one tab-separated fact per line:
 * ISSUE level message / GRAPH nodes edges timeformat / NODECOL id type / EDGECOL id type /
 * NODE id label / EDGE id source target directed kind timeset.
 */
public final class GephiCheck {
  public static void main(String[] args) throws Exception {
    ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
    projects.newProject();
    Workspace workspace = projects.getCurrentWorkspace();
    ImportController importer = Lookup.getDefault().lookup(ImportController.class);
    Container container = importer.importFile(new File(args[0]));
    if (container == null) {
      System.out.println("FAILED\timport returned no container");
      System.exit(2);
    }
    for (Iterator<Issue> it = container.getReport().getIssues(10_000); it.hasNext(); ) {
      Issue issue = it.next();
      System.out.println("ISSUE\t" + issue.getLevel() + "\t" + oneLine(issue.getMessage()));
    }
    importer.process(container, new DefaultProcessor(), workspace);
    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    Graph graph = model.getGraph();
    System.out.println("GRAPH\t" + graph.getNodeCount() + "\t" + graph.getEdgeCount() + "\t" + model.getTimeFormat());
    for (Column c : model.getNodeTable()) System.out.println("NODECOL\t" + c.getId() + "\t" + c.getTypeClass().getSimpleName());
    for (Column c : model.getEdgeTable()) System.out.println("EDGECOL\t" + c.getId() + "\t" + c.getTypeClass().getSimpleName());
    for (Node n : graph.getNodes()) System.out.println("NODE\t" + n.getId() + "\t" + oneLine(n.getLabel()));
    Column timeset = model.getEdgeTable().getColumn("timeset");
    for (Edge e : graph.getEdges()) {
      Object time = timeset == null ? null : e.getAttribute(timeset);
      System.out.println(
          "EDGE\t" + e.getId() + "\t" + e.getSource().getId() + "\t" + e.getTarget().getId() + "\t"
              + e.isDirected() + "\t" + model.getEdgeTypeLabel(e.getType()) + "\t" + time);
    }
    System.exit(0);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }
}
