package io.mabeam.datasets.boundary;

import io.mabeam.datasets.control.DatasetJson;
import io.mabeam.datasets.entity.Dataset;
import io.mabeam.foundation.problems.DomainException;
import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Datasets over REST: upload a CSV ({@code PUT /datasets/{name}} with {@code Content-Type: text/csv}), list,
 * show the inferred schema, download, delete.
 */
@Path("v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class DatasetsResource {

    @EJB
    Datasets datasets;

    @GET
    public String list() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Dataset dataset : datasets.list()) {
            array.add(Json.createObjectBuilder(DatasetJson.dataset(dataset)).remove("schema"));
        }
        return Json.createObjectBuilder().add("datasets", array).build().toString();
    }

    @GET
    @Path("{name}")
    public String get(@PathParam("name") String name) {
        return DatasetJson.dataset(datasets.get(name)).toString();
    }

    @GET
    @Path("{name}/content")
    @Produces("text/csv")
    public Response content(@PathParam("name") String name) {
        return Response.ok(datasets.content(name))
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
                .build();
    }

    /** The body is the CSV file (a header line, then rows); 201 with the inferred schema. */
    @PUT
    @Path("{name}")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response upload(@PathParam("name") String name, InputStream body) throws IOException {
        byte[] csv = body.readAllBytes();
        if (csv.length == 0) {
            throw DomainException.invalid("the body is the CSV file; it was empty");
        }
        Dataset dataset = datasets.upload(name, csv);
        return Response.created(URI.create("v1/datasets/" + name))
                .entity(DatasetJson.dataset(dataset).toString())
                .build();
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
    public Response delete(@PathParam("name") String name) {
        datasets.delete(name);
        return Response.noContent().build();
    }
}
