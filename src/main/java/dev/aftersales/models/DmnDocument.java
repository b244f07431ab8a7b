package dev.aftersales.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What an auditor reads in a DMN file besides the engine's answer: each decision's name and, per rule
 * id, its row in the table (1-based, as the engine's {@code ruleIndex}) and its annotation (the rule's
 * {@code <description>}, the Modeler's "Annotations" column). Parsed without DTDs or external entities,
 * so an uploaded candidate cannot make the server read files or URLs.
 */
public record DmnDocument(Map<String, Decision> decisions) {

  private static final String DMN_NS_PREFIX = "https://www.omg.org/spec/DMN/";

  /**
   * A decision of the file; {@code rules} is empty when its logic is not a decision table.
   *
   * @param inputs the table's input expressions, in column order
   * @param outputs the table's output names, in column order
   * @param rules in table order
   */
  public record Decision(String id, String name, List<String> inputs, List<String> outputs, Map<String, Rule> rules) {

    public Rule rule(String ruleId) {
      return ruleId == null ? null : rules.get(ruleId);
    }
  }

  /**
   * @param row 1-based position in the table; {@code annotation} null when the rule has none
   * @param inputEntries the rule's unary tests, in column order ({@code -} or empty: any value)
   * @param outputEntries the rule's output expressions, in column order
   */
  public record Rule(String ruleId, int row, String annotation, List<String> inputEntries,
      List<String> outputEntries) {}

  public Decision decision(String decisionId) {
    return decisions.get(decisionId);
  }

  /** @throws InvalidModelException when the bytes are not a DMN document */
  public static DmnDocument parse(byte[] xml) {
    Document document;
    try {
      document = builder().parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      throw new InvalidModelException("is not well-formed XML: " + e.getMessage());
    } catch (IOException e) {
      throw new InvalidModelException("could not be read: " + e.getMessage());
    }
    Element root = document.getDocumentElement();
    if (!"definitions".equals(root.getLocalName()) || root.getNamespaceURI() == null
        || !root.getNamespaceURI().startsWith(DMN_NS_PREFIX)) {
      throw new InvalidModelException("is not a DMN 1.3+ document (root element <definitions> in the "
          + DMN_NS_PREFIX + "… namespace)");
    }
    Map<String, Decision> decisions = new LinkedHashMap<>();
    for (Element decision : children(root, "decision")) {
      Map<String, Rule> rules = new LinkedHashMap<>();
      List<String> inputs = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      for (Element table : children(decision, "decisionTable")) {
        for (Element input : children(table, "input")) {
          inputs.add(children(input, "inputExpression").stream().findFirst().map(e -> e.getTextContent().strip())
              .orElse(""));
        }
        for (Element output : children(table, "output")) {
          outputs.add(output.getAttribute("name"));
        }
        int row = 0;
        for (Element rule : children(table, "rule")) {
          row++;
          List<Element> description = children(rule, "description");
          String annotation = description.isEmpty() ? null : description.getFirst().getTextContent().strip();
          rules.put(rule.getAttribute("id"), new Rule(rule.getAttribute("id"), row,
              annotation == null || annotation.isEmpty() ? null : annotation, texts(rule, "inputEntry"),
              texts(rule, "outputEntry")));
        }
      }
      String name = decision.getAttribute("name");
      decisions.put(decision.getAttribute("id"), new Decision(decision.getAttribute("id"),
          name.isEmpty() ? decision.getAttribute("id") : name, List.copyOf(inputs), List.copyOf(outputs), rules));
    }
    return new DmnDocument(decisions);
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a standard feature", e);
    }
  }

  private static List<String> texts(Element rule, String localName) {
    return children(rule, localName).stream().map(e -> e.getTextContent().strip()).toList();
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && localName.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }
}
