package io.mabeam.models.boundary;

import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.problems.Ranges;
import io.mabeam.models.control.LoadedModels;
import io.mabeam.models.control.ModelJson;
import io.mabeam.models.control.ModelStore;
import io.mabeam.models.control.NetworkBytes;
import io.mabeam.models.control.Predictor;
import io.mabeam.models.entity.ModelRecord;
import io.mabeam.models.entity.Prediction;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.training.control.NetworkTrainer;
import io.mabeam.training.control.Preprocessor;
import io.mabeam.training.control.TrainingData;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The model registry: keeps a trained network when it beats its study's best (event {@code ModelKept} in the
 * study's stream), lists and shows models with their lineage, hands them out as an archive, and answers
 * inference requests, checking every answer against the schema constraints before it leaves.
 */
@Stateless
public class Models {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Events events;

    @Inject
    LoadedModels loaded;

    @Inject
    Validator validator;

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry metrics;

    final ModelStore store = new ModelStore();
    Clock clock = Clock.systemUTC();

    /**
     * Keeps a trial's network if it scores better on validation than the study's best kept model.
     *
     * @return the kept model, or empty when it is not better
     */
    public Optional<ModelRecord> keepIfBest(
            String study,
            long trial,
            Map<String, Object> parameters,
            TrainingData data,
            NetworkTrainer.Trained trained) {
        var setup = data.setup();
        return Jdbc.inConnection(
                dataSource, "keeping the model of trial " + trial + " of " + study + " failed", connection -> {
                    Optional<ModelRecord> best = store.best(connection, study, setup.metric());
                    if (best.isPresent()
                            && !setup.metric()
                                    .better(trained.bestScore(), best.get().validationScore())) {
                        return Optional.empty();
                    }
                    byte[] network = NetworkBytes.of(trained.network());
                    ModelRecord model = new ModelRecord(
                            UUID.randomUUID().toString(),
                            study,
                            trial,
                            setup.dataset(),
                            datasetSha(connection, study),
                            setup,
                            TrialJson.parameters(parameters),
                            metricsOf(data, trained),
                            data.preprocessor().toJson(),
                            setup.metric(),
                            trained.bestScore(),
                            network.length,
                            clock.instant());
                    store.insert(connection, model, network);
                    events.record(
                            "study:" + study,
                            "ModelKept",
                            Json.createObjectBuilder()
                                    .add("model", model.id())
                                    .add("trial", trial)
                                    .add("metric", setup.metric().label())
                                    .add("validationScore", trained.bestScore())
                                    .build());
                    metrics.counter("mabeam.models.kept").inc();
                    return Optional.of(model);
                });
    }

    private static String datasetSha(Connection connection, String study) throws SQLException {
        try (var select = connection.prepareStatement("select t.dataset_sha256 from study_training t"
                + " join optimization_study s on s.id = t.study_id where s.name = ?")) {
            select.setString(1, study);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1).strip() : "";
            }
        }
    }

    private static JsonObject metricsOf(TrainingData data, NetworkTrainer.Trained trained) {
        Preprocessor pre = data.preprocessor();
        JsonObjectBuilder validation = Json.createObjectBuilder();
        NetworkTrainer.scores(trained.network(), data.validation(), pre).forEach(validation::add);
        JsonObjectBuilder test = Json.createObjectBuilder();
        NetworkTrainer.scores(trained.network(), data.test(), pre).forEach(test::add);
        double seconds = trained.nanos() / 1e9;
        return Json.createObjectBuilder()
                .add("validation", validation)
                .add("test", test)
                .add("epochs", trained.epochs())
                .add("bestEpoch", trained.bestEpoch())
                .add("stoppedEarly", trained.stoppedEarly())
                .add("trainingSeconds", seconds)
                .add("samplesPerSecond", seconds > 0 ? trained.samples() / seconds : 0)
                .add("trainRows", data.train().size())
                .add("validationRows", data.validation().size())
                .add("testRows", data.test().size())
                .build();
    }

    public List<ModelRecord> list(String study, int limit) {
        return Jdbc.inConnection(
                dataSource,
                "listing models failed",
                connection -> store.list(connection, study, Ranges.limit(limit, 1000)));
    }

    /** @throws DomainException 404 */
    public ModelRecord get(String id) {
        return Jdbc.inConnection(
                dataSource,
                "reading model " + id + " failed",
                connection -> store.find(connection, id).orElseThrow(() -> unknown(id)));
    }

    /** The study's best kept model. @throws DomainException 404 when it has none */
    public ModelRecord best(String study) {
        return Jdbc.inConnection(dataSource, "reading the models of " + study + " failed", connection -> {
            List<ModelRecord> any = store.list(connection, study, 1);
            if (any.isEmpty()) {
                throw DomainException.notFound("study " + study + " has no model (yet)");
            }
            return store.best(connection, study, any.get(0).metric()).orElseThrow();
        });
    }

    /**
     * The model as a zip: {@code model.json} (lineage, metrics, preprocessing) and {@code network.zip}
     * (Deeplearning4j's format, for {@code ModelSerializer.restoreMultiLayerNetwork}).
     */
    public byte[] archive(String id) {
        ModelRecord model = get(id);
        byte[] network = network(id);
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(ModelJson.model(model).toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("network.zip"));
            zip.write(network);
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new EJBException("packing model " + id + " failed", e);
        }
    }

    private byte[] network(String id) {
        return Jdbc.inConnection(
                dataSource,
                "reading model " + id + " failed",
                connection -> store.network(connection, id).orElseThrow(() -> unknown(id)));
    }

    /**
     * Predicts for rows by column name, or already-encoded rows.
     *
     * @throws DomainException 400 for rows the model cannot read, 404
     */
    public List<Prediction> predict(String id, List<Map<String, Object>> rows, double[][] encoded, boolean embedding) {
        ModelRecord model = get(id);
        Predictor predictor = loaded.get(
                id,
                () -> new Predictor(NetworkBytes.network(network(id)), Preprocessor.fromJson(model.preprocessing())));
        Timer.Context timing = metrics.timer("mabeam.models.predict").time();
        List<Prediction> predictions;
        try {
            predictions = rows != null
                    ? predictor.predictRows(rows, embedding)
                    : predictor.predictEncoded(encoded, embedding);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        } finally {
            timing.stop();
        }
        for (int i = 0; i < predictions.size(); i++) {
            Set<ConstraintViolation<Prediction>> violations = validator.validate(predictions.get(i));
            if (!violations.isEmpty()) {
                metrics.counter("mabeam.models.invalid-predictions").inc();
                ConstraintViolation<Prediction> first = violations.iterator().next();
                throw new DomainException(
                        DomainException.Reason.FAILED,
                        "Invalid model output",
                        "model " + id + " answered row " + i + " with " + first.getPropertyPath() + " that "
                                + first.getMessage());
            }
        }
        metrics.counter("mabeam.models.predictions").inc(predictions.size());
        return predictions;
    }

    /** @throws DomainException 404 */
    public void delete(String id) {
        ModelRecord model = get(id);
        Jdbc.useConnection(dataSource, "deleting model " + id + " failed", connection -> {
            store.delete(connection, id);
            loaded.forget(id);
            events.record(
                    "study:" + model.study(),
                    "ModelDeleted",
                    Json.createObjectBuilder().add("model", id).build());
        });
    }

    private static DomainException unknown(String id) {
        return DomainException.notFound("no model " + id);
    }
}
