package io.mabeam.training.boundary;

import io.mabeam.datasets.boundary.Datasets;
import io.mabeam.datasets.entity.Dataset;
import io.mabeam.foundation.events.boundary.Events;
import io.mabeam.foundation.persistence.boundary.Database;
import io.mabeam.foundation.persistence.control.Jdbc;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.boundary.Studies;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.optimization.entity.StudyDefinition;
import io.mabeam.training.control.PreparedDataCache;
import io.mabeam.training.control.TrainingData;
import io.mabeam.training.control.TrainingSetupJson;
import io.mabeam.training.entity.StudyTraining;
import io.mabeam.training.entity.TrainingSetup;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What studies train on: a study with a training setup can be driven with the objective {@code network}, whose
 * trials train Deeplearning4j networks on the setup's dataset. A setup is checked against the data when it is
 * attached (columns, task, metric, the split, the study's direction), so a trial never fails on a bad setup.
 */
@Stateless
public class Trainings {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @EJB
    Studies studies;

    @EJB
    Datasets datasets;

    @EJB
    Events events;

    @Inject
    PreparedDataCache prepared;

    /**
     * Checks a setup for a study without attaching it (a study being created is checked before it exists).
     *
     * @return the setup resolved against its dataset
     * @throws DomainException 400 naming what does not fit
     */
    public TrainingSetup check(List<Direction> directions, TrainingSetup setup) {
        Dataset dataset = datasets.find(setup.dataset())
                .orElseThrow(
                        () -> DomainException.invalid("no dataset " + setup.dataset() + " (GET /api/v1/datasets)"));
        TrainingData data;
        try {
            data = TrainingData.prepare(datasets.table(dataset), dataset.schema(), setup);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        TrainingSetup resolved = data.setup();
        if (directions.size() != 1) {
            throw DomainException.invalid("a study that trains networks has one objective, the metric");
        }
        if (directions.get(0) != resolved.metric().direction()) {
            throw DomainException.invalid("metric " + resolved.metric().label() + " is to be "
                    + (resolved.metric().direction() == Direction.MAXIMIZE ? "maximized" : "minimized")
                    + " but the study's direction is "
                    + directions.get(0).name().toLowerCase());
        }
        return resolved;
    }

    /**
     * Attaches a setup to a study that has no trials yet (changing the data under a running study would make
     * its trials incomparable).
     *
     * @throws DomainException 400 (the setup does not fit), 404 (no such study), 409 (the study has trials)
     */
    public StudyTraining attach(String studyName, TrainingSetup setup) {
        StudyDefinition study = studies.study(studyName);
        TrainingSetup resolved = check(study.directions(), setup);
        if (!studies.trials(studyName).isEmpty()) {
            throw DomainException.conflict("study " + studyName + " has trials already; its training setup is fixed");
        }
        String sha = datasets.get(resolved.dataset()).sha256();
        String json = TrainingSetupJson.json(resolved).toString();
        Jdbc.useConnection(dataSource, "attaching training to study " + studyName + " failed", connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("delete from study_training where study_id = ?")) {
                delete.setLong(1, study.id());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into study_training (study_id, dataset, setup_json, dataset_sha256) values (?, ?, ?, ?)")) {
                insert.setLong(1, study.id());
                insert.setString(2, resolved.dataset());
                insert.setString(3, json);
                insert.setString(4, sha);
                insert.executeUpdate();
            }
        });
        events.record(
                study.stream(),
                "TrainingAttached",
                Json.createObjectBuilder()
                        .add("setup", TrainingSetupJson.json(resolved))
                        .add("datasetSha256", sha)
                        .build());
        return new StudyTraining(studyName, resolved, sha);
    }

    public Optional<StudyTraining> find(String studyName) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select t.setup_json, t.dataset_sha256 from study_training t"
                                + " join optimization_study s on s.id = t.study_id where s.name = ?")) {
            select.setString(1, studyName);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                TrainingSetup setup = TrainingSetupJson.parse(
                        Json.createReader(new StringReader(rows.getString(1))).readObject());
                return Optional.of(
                        new StudyTraining(studyName, setup, rows.getString(2).strip()));
            }
        } catch (SQLException e) {
            throw new EJBException("reading the training of study " + studyName + " failed", e);
        }
    }

    /**
     * A study's data prepared for its trials (cached on this node).
     *
     * @throws IllegalStateException when the study has no training setup or its dataset changed
     */
    public TrainingData data(String studyName) {
        StudyTraining training = find(studyName)
                .orElseThrow(() -> new IllegalStateException("study " + studyName
                        + " has no training setup (PUT /api/v1/studies/" + studyName + "/training)"));
        return prepared.get(
                training.datasetSha256(),
                TrainingSetupJson.json(training.setup()).toString(),
                () -> {
                    Dataset dataset = datasets.get(training.setup().dataset());
                    if (!dataset.sha256().equals(training.datasetSha256())) {
                        throw new IllegalStateException("dataset " + dataset.name() + " is not the data study "
                                + studyName + " started with (its content changed)");
                    }
                    return TrainingData.prepare(datasets.table(dataset), dataset.schema(), training.setup());
                });
    }
}
