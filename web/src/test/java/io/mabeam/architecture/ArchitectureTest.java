package io.mabeam.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The import rules of the whole code base (ejb, batch-jobs and web, all on this module's class path): the
 * foundation at the bottom, the business components above it in levels, each depending only on lower levels and
 * never in a cycle, and inside each component the boundary over control over entity. {@code docs/architecture.md}
 * draws the same levels.
 */
class ArchitectureTest {

    /**
     * Each top-level package by its level: a package may use packages of lower levels only. Components on one
     * level do not use each other.
     */
    static final Map<String, Integer> LEVELS = Map.ofEntries(
            Map.entry("foundation", 0),
            Map.entry("variables", 1),
            Map.entry("schema", 1),
            Map.entry("datasets", 1),
            Map.entry("balancing", 1),
            Map.entry("economics", 1),
            Map.entry("optimization", 2),
            Map.entry("llm", 2),
            Map.entry("training", 3),
            Map.entry("bridge", 4),
            Map.entry("models", 4),
            Map.entry("agents", 5),
            Map.entry("consensus", 6),
            Map.entry("improvement", 7),
            Map.entry("batch", 8),
            Map.entry("console", 9));

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the ejb module's test helpers
            .importPackages("io.mabeam");

    @Test
    void everyPackageHasALevel() {
        List<String> unplaced = CLASSES.stream()
                .map(type -> type.getPackageName().split("\\."))
                .filter(parts -> parts.length > 2 && !LEVELS.containsKey(parts[2]))
                .map(parts -> parts[2])
                .distinct()
                .toList();
        assertThat(unplaced)
                .as("top-level packages without a level in ArchitectureTest.LEVELS")
                .isEmpty();
    }

    @Test
    void eachLevelUsesOnlyLowerLevels() {
        LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : LEVELS.keySet()) {
            layers = layers.layer(name).definedBy("io.mabeam." + name + "..");
        }
        for (Map.Entry<String, Integer> layer : LEVELS.entrySet()) {
            String[] above = LEVELS.entrySet().stream()
                    .filter(other -> other.getValue() > layer.getValue())
                    .map(Map.Entry::getKey)
                    .toArray(String[]::new);
            layers = above.length == 0
                    ? layers.whereLayer(layer.getKey()).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(layer.getKey()).mayOnlyBeAccessedByLayers(above);
        }
        layers.check(CLASSES);
    }

    @Test
    void componentsAndFoundationPartsFormNoCycles() {
        slices().matching("io.mabeam.(*)..").should().beFreeOfCycles().check(CLASSES);
        slices().matching("io.mabeam.foundation.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    /** Inside each component (and each part of the foundation) the boundary uses control and entity, control uses entity. */
    @TestFactory
    Stream<DynamicTest> boundaryOverControlOverEntity() {
        List<String> components = CLASSES.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.matches("io\\.mabeam\\.[\\w.]+\\.(boundary|control|entity)"))
                .map(name -> name.substring(0, name.lastIndexOf('.')))
                .distinct()
                .sorted()
                .toList();
        return components.stream()
                .map(component -> DynamicTest.dynamicTest(component, () -> {
                    ArchRule entity = noClasses()
                            .that()
                            .resideInAPackage(component + ".entity..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(component + ".control..", component + ".boundary..")
                            .allowEmptyShould(true);
                    ArchRule control = noClasses()
                            .that()
                            .resideInAPackage(component + ".control..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage(component + ".boundary..")
                            .allowEmptyShould(true);
                    entity.check(CLASSES);
                    control.check(CLASSES);
                }));
    }
}
