package io.mabeam.economics.boundary;

import static io.mabeam.foundation.api.boundary.JsonBodies.object;
import static io.mabeam.foundation.api.boundary.JsonBodies.text;

import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Moving credits: {@code POST /transfers {"from", "to", "amount", "reason", "reference", "id"}}. */
@Path("v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME})
public class TransfersResource {

    @EJB
    Accounts accounts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(String body) {
        JsonObject json = object(body);
        return AccountsResource.transferResponse(accounts.transfer(
                text(json, "from"),
                text(json, "to"),
                EconomicsBodies.amount(json, "amount"),
                text(json, "reason"),
                text(json, "reference"),
                text(json, "id")));
    }
}
