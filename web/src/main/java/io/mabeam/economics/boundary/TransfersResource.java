package io.mabeam.economics.boundary;

import io.mabeam.foundation.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
    public Response transfer(@Valid @NotNull EconomicsRequests.Transfer request) {
        return AccountsResource.transferResponse(accounts.transfer(
                request.from,
                request.to,
                EconomicsBodies.micros(request.amount, "amount"),
                request.reason,
                request.reference,
                request.id));
    }
}
