package io.parley.samples.sint;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.annotations.SmackIntegrationTest;

/** The test classes and methods in the SINT jar, found the way SINT finds them. */
final class SintTests {
  private SintTests() {}

  /** Concrete test classes with at least one test method, sorted by name. */
  static List<Class<?>> classes() throws IOException, URISyntaxException {
    Path jar = Path.of(SmackIntegrationTest.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    List<Class<?>> found = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry e : (Iterable<JarEntry>) file.stream()::iterator) {
        String name = e.getName();
        if (!name.endsWith(".class") || name.contains("$")) {
          continue;
        }
        Class<?> c;
        try {
          c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
              SintTests.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError ex) {
          continue;
        }
        if (AbstractSmackIntTest.class.isAssignableFrom(c) && SintConformanceTest.isConcrete(c)
            && !methods(c).isEmpty()) {
          found.add(c);
        }
      }
    }
    found.sort(Comparator.comparing(Class::getName));
    return found;
  }

  /** The class's test methods (declared or inherited), sorted by name. */
  static List<Method> methods(Class<?> c) {
    List<Method> methods = new ArrayList<>();
    for (Method m : c.getMethods()) {
      if (m.isAnnotationPresent(SmackIntegrationTest.class)) {
        methods.add(m);
      }
    }
    methods.sort(Comparator.comparing(Method::getName));
    return methods;
  }
}
