package io.parley.embedded;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering STYLE.md asks for: infrastructure does not know features or transports. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.parley");

  @Test
  void infrastructureDoesNotKnowFeatures() {
    noClasses().that().resideInAnyPackage(
            "..internal.router..", "..internal.session..", "..internal.stream..",
            "..internal.transport..", "..internal.xml..", "..internal.sasl..", "..internal.tls..")
        .should().dependOnClassesThat().resideInAPackage("..internal.feature..")
        .check(CLASSES);
  }

  @Test
  void featuresDoNotKnowTransports() {
    noClasses().that().resideInAPackage("..internal.feature..")
        .should().dependOnClassesThat().resideInAPackage("..internal.transport..")
        .check(CLASSES);
  }

  @Test
  void routerAndSessionsDoNotKnowTransports() {
    noClasses().that().resideInAnyPackage("..internal.router..", "..internal.session..",
            "..internal.stream..")
        .should().dependOnClassesThat().resideInAPackage("..internal.transport..")
        .check(CLASSES);
  }

  @Test
  void onlyTheServletAdapterSeesTheJakartaApi() {
    // jakarta.websocket is an optional dependency: hosts without a container must never load it.
    noClasses().that().resideOutsideOfPackage("io.parley.embedded.servlet..")
        .should().dependOnClassesThat().resideInAnyPackage("jakarta.websocket..", "jakarta.servlet..")
        .check(CLASSES);
  }

  @Test
  void webSocketAdaptersShareTheCoreNotEachOther() {
    noClasses().that().resideInAnyPackage("..internal.transport.websocket..",
            "io.parley.embedded.servlet..")
        .should().dependOnClassesThat().resideInAnyPackage("..internal.transport.http..",
            "..internal.transport.tcp..")
        .check(CLASSES);
  }

  @Test
  void theSpiDoesNotDependOnTheEngine() {
    noClasses().that().resideInAPackage("io.parley.spi..")
        .should().dependOnClassesThat().resideInAPackage("io.parley.embedded..")
        .check(CLASSES);
  }
}
