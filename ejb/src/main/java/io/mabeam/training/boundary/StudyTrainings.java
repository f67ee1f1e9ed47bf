package io.mabeam.training.boundary;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.optimization.control.ObjectiveCatalog;
import io.mabeam.optimization.control.StudyPart;
import io.mabeam.optimization.entity.Direction;
import io.mabeam.training.control.NetworkObjective;
import io.mabeam.training.control.TrainingSetupJson;
import io.mabeam.training.entity.TrainingSetup;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What training adds to studies: a study may be created with a training setup ({@code "training"}), and a run of
 * a study that has one evaluates objective {@code network} unless told otherwise.
 */
@ApplicationScoped
public class StudyTrainings implements StudyPart, ObjectiveCatalog {

    @EJB
    Trainings trainings;

    @Override
    public String field() {
        return "training";
    }

    @Override
    public Consumer<String> prepare(List<Direction> directions, JsonObject part) {
        TrainingSetup training;
        try {
            training = TrainingSetupJson.parse(part);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        trainings.check(directions, training);
        return study -> trainings.attach(study, training);
    }

    @Override
    public Optional<String> refusal(String objective) {
        return Optional.empty();
    }

    @Override
    public Optional<String> defaultFor(String study) {
        return trainings.find(study).map(training -> NetworkObjective.NAME);
    }
}
