package dev.aftersales.licences;

import dev.aftersales.licences.LicencePolicy.Licence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The licences of a jar in a Maven repository, read from its POM; like Maven, a POM without
 * {@code <licenses>} inherits its parent's, which is looked up in the same repository.
 */
final class PomLicences {

  private PomLicences() {}

  /** The POM beside a jar of the local repository ({@code a-1.0.jar} or {@code a-1.0-classifier.jar}). */
  static Path pomOf(Path jar) throws IOException {
    Path versionDir = jar.getParent();
    String artifact = versionDir.getParent().getFileName().toString();
    Path pom = versionDir.resolve(artifact + "-" + versionDir.getFileName() + ".pom");
    if (!Files.exists(pom)) {
      throw new IOException("no POM beside " + jar + " (expected " + pom + ")");
    }
    return pom;
  }

  static List<Licence> of(Path pom) throws IOException {
    Element project = parse(pom);
    Element licences = child(project, "licenses");
    if (licences != null) {
      List<Licence> found = new ArrayList<>();
      for (Element licence : children(licences, "license")) {
        found.add(new Licence(text(licence, "name"), text(licence, "url")));
      }
      if (!found.isEmpty()) {
        return found;
      }
    }
    Element parent = child(project, "parent");
    if (parent == null) {
      return List.of();
    }
    return of(parentPom(pom, project, parent));
  }

  private static Path parentPom(Path pom, Element project, Element parent) throws IOException {
    String groupId = text(project, "groupId") != null ? text(project, "groupId") : text(parent, "groupId");
    // pom = <repository>/<group path>/<artifact>/<version>/<artifact>-<version>.pom
    Path repository = pom.getParent().getParent();
    for (int i = 0; i < groupId.split("\\.").length + 1; i++) {
      repository = repository.getParent();
    }
    String parentGroup = text(parent, "groupId");
    String parentArtifact = text(parent, "artifactId");
    String parentVersion = text(parent, "version");
    Path parentPom = repository.resolve(parentGroup.replace('.', '/')).resolve(parentArtifact).resolve(parentVersion)
        .resolve(parentArtifact + "-" + parentVersion + ".pom");
    if (!Files.exists(parentPom)) {
      throw new IOException("parent POM of " + pom + " not in the repository: " + parentPom);
    }
    return parentPom;
  }

  private static Element parse(Path pom) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(pom.toFile());
      return document.getDocumentElement();
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read " + pom, e);
    }
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }
}
