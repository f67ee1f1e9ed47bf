package io.mabeam.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mabeam.batch.optimization.TrialReader;
import io.mabeam.foundation.jobs.boundary.Jobs;
import jakarta.batch.api.BatchProperty;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every job XML of the module, as compiled into {@code target/classes/META-INF/batch-jobs}, fits the module's
 * code: it is well-formed Jakarta Batch 2.0 XML whose id is its file name, every {@code ref} names a
 * {@code @Named} class of the module (found by scanning the compiled classes, so a new job or artifact cannot
 * slip by), the properties given to an artifact are exactly its {@code @Inject @BatchProperty} fields, every
 * transition points at an element of the job, and the jobs are exactly those the platform knows
 * ({@link Jobs}). A mistake in any of these only shows in a container, when the job runs.
 */
class JobXmlTest {

    private static final String NS = "https://jakarta.ee/xml/ns/jakartaee";

    /** The elements of a job XML that name a batch artifact with {@code ref}. */
    private static final Set<String> ARTIFACTS = Set.of(
            "listener",
            "reader",
            "processor",
            "writer",
            "checkpoint-algorithm",
            "batchlet",
            "mapper",
            "reducer",
            "collector",
            "analyzer",
            "decider");

    private static Path classes;
    private static Map<String, Class<?>> named;

    @BeforeAll
    static void scanTheModule() throws Exception {
        classes = classesDirectory();
        assertThat(classes).isDirectory();
        named = new HashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, JobXmlTest.class.getClassLoader());
                Named annotation = type.getAnnotation(Named.class);
                if (annotation != null) {
                    String bean = annotation.value().isEmpty()
                            ? Introspector.decapitalize(type.getSimpleName())
                            : annotation.value();
                    Class<?> earlier = named.put(bean, type);
                    assertThat(earlier).as("two classes are named " + bean).isNull();
                }
            }
        }
    }

    /** The module's compiled classes and resources: target/classes. */
    private static Path classesDirectory() throws URISyntaxException {
        return Path.of(TrialReader.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    static List<Path> jobs() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(classesDirectory().resolve("META-INF/batch-jobs"))) {
            return files.filter(f -> f.toString().endsWith(".xml")).sorted().toList();
        }
    }

    @Test
    void theModuleHasItsJobsAndTheirArtifacts() throws Exception {
        assertThat(jobs()).extracting(JobXmlTest::jobName).contains("study-optimization");
        assertThat(named).containsKeys("trialReader", "optimizationPartitions", "apiTokenHousekeeping");
    }

    @Test
    void theJobsAreExactlyThoseThePlatformKnows() throws Exception {
        Field known = Jobs.class.getDeclaredField("KNOWN");
        known.setAccessible(true);
        Set<String> platform = new TreeSet<>(((Map<?, ?>) known.get(null))
                .keySet().stream().map(String::valueOf).toList());
        assertThat(jobs().stream().map(JobXmlTest::jobName).toList())
                .as("a job the REST API cannot start, or a name it starts with no job XML behind it")
                .containsExactlyInAnyOrderElementsOf(platform);
    }

    @Test
    void everyNamedArtifactIsUsedByAJob() throws Exception {
        Set<String> refs = new HashSet<>();
        for (Path job : jobs()) {
            for (Element artifact : artifacts(parse(job))) {
                refs.add(artifact.getAttribute("ref"));
            }
        }
        assertThat(named.keySet()).as("@Named artifacts no job refers to").isSubsetOf(refs);
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void isWellFormedJakartaBatchXmlWhoseIdIsItsFileName(Path job) throws Exception {
        Element root = parse(job).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NS);
        assertThat(root.getLocalName()).isEqualTo("job");
        assertThat(root.getAttribute("version")).isEqualTo("2.0");
        assertThat(root.getAttribute("id")).as("the id of " + job.getFileName()).isEqualTo(jobName(job));
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyRefNamesANamedClassOfTheModule(Path job) throws Exception {
        List<Element> artifacts = artifacts(parse(job));
        assertThat(artifacts).as("artifacts of " + job.getFileName()).isNotEmpty();
        for (Element artifact : artifacts) {
            assertThat(named)
                    .as(
                            "<%s ref=\"%s\"> in %s",
                            artifact.getLocalName(), artifact.getAttribute("ref"), job.getFileName())
                    .containsKey(artifact.getAttribute("ref"));
        }
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void theGivenPropertiesAreExactlyTheArtifactsBatchPropertyFields(Path job) throws Exception {
        for (Element artifact : artifacts(parse(job))) {
            Class<?> type = named.get(artifact.getAttribute("ref"));
            assertThat(type).isNotNull();
            List<String> given = new ArrayList<>();
            for (Element properties : children(artifact, "properties")) {
                for (Element property : children(properties, "property")) {
                    given.add(property.getAttribute("name"));
                    assertThat(property.getAttribute("value"))
                            .as("property %s of %s", property.getAttribute("name"), type.getSimpleName())
                            .isNotBlank();
                }
            }
            assertThat(given)
                    .as("the properties %s gives %s", job.getFileName(), type.getSimpleName())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(batchProperties(type));
        }
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void everyTransitionPointsAtAnElementOfTheJob(Path job) throws Exception {
        Document document = parse(job);
        Set<String> ids = new HashSet<>();
        List<String> targets = new ArrayList<>();
        for (String kind : List.of("step", "flow", "split", "decision")) {
            NodeList elements = document.getElementsByTagNameNS(NS, kind);
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                assertThat(ids.add(element.getAttribute("id")))
                        .as("id " + element.getAttribute("id") + " is unique in " + job.getFileName())
                        .isTrue();
                if (element.hasAttribute("next")) {
                    targets.add(element.getAttribute("next"));
                }
            }
        }
        NodeList nexts = document.getElementsByTagNameNS(NS, "next");
        for (int i = 0; i < nexts.getLength(); i++) {
            targets.add(((Element) nexts.item(i)).getAttribute("to"));
        }
        NodeList stops = document.getElementsByTagNameNS(NS, "stop");
        for (int i = 0; i < stops.getLength(); i++) {
            Element stop = (Element) stops.item(i);
            if (stop.hasAttribute("restart")) {
                targets.add(stop.getAttribute("restart"));
            }
        }
        assertThat(ids).as("the steps of " + job.getFileName()).isNotEmpty();
        assertThat(targets).as("transitions in " + job.getFileName()).isSubsetOf(ids);
    }

    /** The names of a class's {@code @Inject @BatchProperty} fields, its superclasses' included. */
    static Set<String> batchProperties(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                BatchProperty property = field.getAnnotation(BatchProperty.class);
                if (property != null) {
                    assertThat(field.isAnnotationPresent(Inject.class))
                            .as(type.getSimpleName() + "." + field.getName() + " is @Inject as well")
                            .isTrue();
                    names.add(property.name().isEmpty() ? field.getName() : property.name());
                }
            }
        }
        return names;
    }

    private static Document parse(Path job) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // throws on XML that is not well-formed
        return factory.newDocumentBuilder().parse(job.toFile());
    }

    private static List<Element> artifacts(Document document) {
        List<Element> artifacts = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS(NS, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (ARTIFACTS.contains(element.getLocalName())) {
                assertThat(element.getAttribute("ref"))
                        .as("<" + element.getLocalName() + "> names its artifact")
                        .isNotBlank();
                artifacts.add(element);
            }
        }
        return artifacts;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element
                    && NS.equals(element.getNamespaceURI())
                    && element.getLocalName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static String jobName(Path job) {
        return job.getFileName().toString().replaceAll("\\.xml$", "");
    }
}
