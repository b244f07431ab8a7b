package dev.aftersales.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The decisions of the DMN files under {@code bpmn/}, read as a process owner's Modeler writes them. */
final class DmnFiles {

  private static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";

  /** One output column: its name and the values it can take (declared, or else written in its rows). */
  record Output(String name, String typeRef, Set<String> values) {}

  /** A decision: its id, variable name, input expressions, output columns and required decisions. */
  record Decision(String id, String file, String variable, List<String> inputExpressions, List<Output> outputs,
      List<String> requiredDecisions) {}

  private DmnFiles() {}

  static List<Decision> decisions() {
    List<Decision> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList()) {
        all.addAll(read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  static Optional<Decision> decision(String id) {
    return decisions().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  private static List<Decision> read(Path file) {
    Document doc = parse(file);
    List<Decision> decisions = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagNameNS(DMN, "decision");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element decision = (Element) nodes.item(i);
      List<String> inputs = texts(decision, "inputExpression");
      List<Output> outputs = new ArrayList<>();
      NodeList outputNodes = decision.getElementsByTagNameNS(DMN, "output");
      for (int o = 0; o < outputNodes.getLength(); o++) {
        Element output = (Element) outputNodes.item(o);
        outputs.add(new Output(output.getAttribute("name"), output.getAttribute("typeRef"),
            values(decision, output, o)));
      }
      List<String> required = new ArrayList<>();
      NodeList requirements = decision.getElementsByTagNameNS(DMN, "requiredDecision");
      for (int r = 0; r < requirements.getLength(); r++) {
        required.add(((Element) requirements.item(r)).getAttribute("href").replace("#", ""));
      }
      NodeList variables = decision.getElementsByTagNameNS(DMN, "variable");
      String variable = variables.getLength() == 0 ? null : ((Element) variables.item(0)).getAttribute("name");
      decisions.add(new Decision(decision.getAttribute("id"), file.toString(), variable, inputs, outputs, required));
    }
    return decisions;
  }

  /** Declared output values, else the literals of the column's entries in every rule. */
  private static Set<String> values(Element decision, Element output, int column) {
    Set<String> values = new LinkedHashSet<>();
    NodeList declared = output.getElementsByTagNameNS(DMN, "outputValues");
    if (declared.getLength() > 0) {
      for (String value : declared.item(0).getTextContent().trim().split(",")) {
        values.add(value.trim());
      }
      return values;
    }
    NodeList rules = decision.getElementsByTagNameNS(DMN, "rule");
    for (int r = 0; r < rules.getLength(); r++) {
      NodeList entries = ((Element) rules.item(r)).getElementsByTagNameNS(DMN, "outputEntry");
      values.add(entries.item(column).getTextContent().trim());
    }
    return values;
  }

  private static List<String> texts(Element parent, String tag) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagNameNS(DMN, tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().trim());
    }
    return texts;
  }

  private static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
