package io.mabeam.models.boundary;

import io.mabeam.foundation.security.entity.Role;
import io.mabeam.models.control.ModelJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A study's best model so far (404 until a trial has trained one). */
@Path("v1/studies/{name}/model")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class StudyModelResource {

    @EJB
    Models models;

    @GET
    public String bestModel(@PathParam("name") String name) {
        return ModelJson.model(models.best(name)).toString();
    }
}
