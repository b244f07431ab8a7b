package dev.aftersales.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnLabel;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a process owner sees when a diagram opens in Camunda Modeler or Operate: it fits a screen's
 * width at a readable zoom, no shape hides another, no two flows cross (a crossing reads as a
 * junction), no label covers another, and every flow is drawn from its source to its target.
 * Coordinates are the diagram's own pixels (Modeler at 100 %).
 */
class DiagramLayoutTest {

  /** mis-sent-item was 6,690 px wide before it was laid out in rows; exchange-request, the widest, is 3,690. */
  private static final double MAX_WIDTH = 4_000;

  static List<Path> bpmnFiles() {
    return ModelDesignTimeTest.bpmnFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void isAtMostFourThousandPixelsWide(final Path file) {
    final BpmnModelInstance model = read(file);
    final List<Box> boxes = new ArrayList<>();
    model.getModelElementsByType(BpmnShape.class).forEach(shape -> {
      boxes.add(Box.of(shape.getBounds()));
      label(shape.getBpmnLabel()).ifPresent(boxes::add);
    });
    model.getModelElementsByType(BpmnEdge.class).forEach(edge -> {
      points(edge).forEach(p -> boxes.add(new Box(p.x, p.y, 0, 0)));
      label(edge.getBpmnLabel()).ifPresent(boxes::add);
    });

    final double left = boxes.stream().mapToDouble(Box::x).min().orElseThrow();
    final double right = boxes.stream().mapToDouble(b -> b.x + b.w).max().orElseThrow();
    assertThat(right - left).as("width of %s", file).isLessThanOrEqualTo(MAX_WIDTH);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void noShapeCoversAnother(final Path file) {
    final BpmnModelInstance model = read(file);
    final List<BpmnShape> shapes = List.copyOf(model.getModelElementsByType(BpmnShape.class));
    final List<String> overlaps = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      for (int j = i + 1; j < shapes.size(); j++) {
        final BpmnShape a = shapes.get(i);
        final BpmnShape b = shapes.get(j);
        if (belongTogether(a.getBpmnElement(), b.getBpmnElement())) {
          continue;
        }
        final Box boxA = Box.of(a.getBounds());
        final Box boxB = Box.of(b.getBounds());
        final boolean nested = a.getBpmnElement() instanceof SubProcess && boxA.contains(boxB)
            || b.getBpmnElement() instanceof SubProcess && boxB.contains(boxA);
        if (!nested && boxA.overlaps(boxB)) {
          overlaps.add(a.getBpmnElement().getId() + " / " + b.getBpmnElement().getId());
        }
      }
    }
    assertThat(overlaps).as("shapes on top of each other in %s", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void noTwoFlowsCross(final Path file) {
    final List<BpmnEdge> edges = List.copyOf(read(file).getModelElementsByType(BpmnEdge.class));
    final List<String> crossings = new ArrayList<>();
    for (int i = 0; i < edges.size(); i++) {
      for (int j = i + 1; j < edges.size(); j++) {
        if (cross(points(edges.get(i)), points(edges.get(j)))) {
          crossings.add(edges.get(i).getBpmnElement().getId() + " x " + edges.get(j).getBpmnElement().getId());
        }
      }
    }
    assertThat(crossings).as("crossing flows in %s", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void noLabelCoversAnother(final Path file) {
    final BpmnModelInstance model = read(file);
    final Map<String, Box> labels = new TreeMap<>();
    // an unnamed join keeps the empty label bounds the Modeler gives it: nothing is drawn there
    model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> named(s.getBpmnElement()))
        .forEach(s -> label(s.getBpmnLabel()).ifPresent(l -> labels.put(s.getBpmnElement().getId(), l)));
    model.getModelElementsByType(BpmnEdge.class).stream()
        .filter(e -> named(e.getBpmnElement()))
        .forEach(e -> label(e.getBpmnLabel()).ifPresent(l -> labels.put(e.getBpmnElement().getId(), l)));
    final List<Map.Entry<String, Box>> entries = List.copyOf(labels.entrySet());
    final List<String> overlaps = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      for (int j = i + 1; j < entries.size(); j++) {
        if (entries.get(i).getValue().overlaps(entries.get(j).getValue())) {
          overlaps.add(entries.get(i).getKey() + " / " + entries.get(j).getKey());
        }
      }
    }
    assertThat(overlaps).as("labels on top of each other in %s", file).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnFiles")
  void everyFlowIsDrawnFromItsSourceToItsTarget(final Path file) {
    final BpmnModelInstance model = read(file);
    final Map<String, Box> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .collect(Collectors.toMap(s -> s.getBpmnElement().getId(), s -> Box.of(s.getBounds())));
    for (final BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() instanceof SequenceFlow flow) {
        final List<Point> points = points(edge);
        assertThat(shapes.get(flow.getSource().getId()).touches(points.getFirst()))
            .as("%s starts at %s", flow.getId(), flow.getSource().getId()).isTrue();
        assertThat(shapes.get(flow.getTarget().getId()).touches(points.getLast()))
            .as("%s ends at %s", flow.getId(), flow.getTarget().getId()).isTrue();
      }
    }
  }

  private static boolean named(final BaseElement element) {
    final String name = element.getAttributeValue("name");
    return name != null && !name.isBlank();
  }

  /** A boundary event sits on its activity's border, by design. */
  private static boolean belongTogether(final BaseElement a, final BaseElement b) {
    final Function<BaseElement, FlowNode> host =
        e -> e instanceof BoundaryEvent boundary ? boundary.getAttachedTo() : null;
    return host.apply(a) == b || host.apply(b) == a;
  }

  /** Two polylines cross when segments of both pass through each other (touching or running along is not crossing). */
  private static boolean cross(final List<Point> first, final List<Point> second) {
    for (int i = 1; i < first.size(); i++) {
      for (int j = 1; j < second.size(); j++) {
        final Point a = first.get(i - 1), b = first.get(i), c = second.get(j - 1), d = second.get(j);
        if (side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int side(final Point from, final Point to, final Point p) {
    return Double.compare((to.x - from.x) * (p.y - from.y) - (to.y - from.y) * (p.x - from.x), 0);
  }

  private static List<Point> points(final BpmnEdge edge) {
    return edge.getWaypoints().stream().map((Waypoint w) -> new Point(w.getX(), w.getY())).toList();
  }

  private static Optional<Box> label(final BpmnLabel label) {
    return Optional.ofNullable(label).map(BpmnLabel::getBounds).map(Box::of);
  }

  private static BpmnModelInstance read(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Point(double x, double y) {}

  private record Box(double x, double y, double w, double h) {
    static Box of(final Bounds bounds) {
      return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
    }

    boolean overlaps(final Box other) {
      return x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h;
    }

    boolean contains(final Box other) {
      return other.x >= x && other.y >= y && other.x + other.w <= x + w && other.y + other.h <= y + h;
    }

    /** On the border or inside, with a pixel of rounding. */
    boolean touches(final Point p) {
      return p.x >= x - 1 && p.x <= x + w + 1 && p.y >= y - 1 && p.y <= y + h + 1;
    }
  }
}
