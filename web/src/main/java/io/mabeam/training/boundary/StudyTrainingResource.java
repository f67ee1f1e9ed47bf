package io.mabeam.training.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.object;

import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import io.mabeam.training.control.TrainingSetupJson;
import io.mabeam.training.entity.StudyTraining;
import io.mabeam.training.entity.TrainingSetup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A study's training setup: what its trials train on when they evaluate objective {@code network}. */
@Path("v1/studies/{name}/training")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StudyTrainingResource {

    @EJB
    Trainings trainings;

    /** What the study's trials train on (objective {@code network}). */
    @GET
    public String training(@PathParam("name") String name) {
        StudyTraining training = trainings
                .find(name)
                .orElseThrow(() -> DomainException.notFound("study " + name + " has no training setup"));
        return json(training);
    }

    /**
     * Sets what the study's trials train on, before its first trial. Body: a training setup, e.g. {@code
     * {"dataset": "penguins", "target": "species"}}; answers it resolved (task, metric, features).
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public String attach(@PathParam("name") String name, String body) {
        TrainingSetup setup;
        try {
            setup = TrainingSetupJson.parse(object(body));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        return json(trainings.attach(name, setup));
    }

    private static String json(StudyTraining training) {
        return Json.createObjectBuilder()
                .add("study", training.study())
                .add("setup", TrainingSetupJson.json(training.setup()))
                .add("datasetSha256", training.datasetSha256())
                .build()
                .toString();
    }
}
