package dev.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * Every query a repository of the product declares is written out with {@code @Query}. Spring Data JDBC derives a
 * query from a method's name ({@code findByChannelAndChannelRequestId}) anew on every call: it builds the select list
 * of the whole aggregate, sorting its property paths, and renders the SQL each time. For the case (56 columns) that
 * cost about twice a whole load of the case by id, on the intake's request thread (docs/benchmarks.md, "Derived
 * queries"). The repository's own {@code findById} and {@code save} keep their SQL once built; a finder returns the
 * id and the aggregate is loaded by it.
 */
class RepositoryQueriesTest {

  @Test
  void everyDeclaredQueryIsWrittenOut() throws ClassNotFoundException {
    List<Class<?>> repositories = repositories();
    assertThat(repositories).as("repositories found").contains(CaseRepository.class, OrderSnapshotRepository.class);

    List<String> derived = new ArrayList<>();
    for (Class<?> repository : repositories) {
      for (Method method : repository.getDeclaredMethods()) {
        if (Modifier.isAbstract(method.getModifiers()) && !method.isAnnotationPresent(Query.class)
            && !implementedByFragment(repository, method)) {
          derived.add(repository.getSimpleName() + "." + method.getName());
        }
      }
    }
    assertThat(derived).as("repository methods whose query Spring Data derives from the name on every call")
        .isEmpty();
  }

  /**
   * A method a repository fragment of ours implements (an interface the repository extends that is no Spring Data
   * repository, with its {@code …Impl} class: {@link CaseLoading}), which Spring Data calls instead of deriving.
   */
  private static boolean implementedByFragment(Class<?> repository, Method method) {
    for (Class<?> fragment : repository.getInterfaces()) {
      if (!Repository.class.isAssignableFrom(fragment)) {
        try {
          fragment.getMethod(method.getName(), method.getParameterTypes());
          Class.forName(fragment.getName() + "Impl");
          return true;
        } catch (NoSuchMethodException | ClassNotFoundException e) {
          // not this fragment's
        }
      }
    }
    return false;
  }

  private static List<Class<?>> repositories() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
        return definition.getMetadata().isInterface();
      }
    };
    scanner.addIncludeFilter(new AssignableTypeFilter(Repository.class));
    List<Class<?>> found = new ArrayList<>();
    for (BeanDefinition definition : scanner.findCandidateComponents("dev.aftersales")) {
      found.add(Class.forName(definition.getBeanClassName()));
    }
    return found;
  }
}
