-- Fencing: the highest lock token each guarded resource has seen. A write carrying a lower token comes
-- from a holder whose lock has passed on, and is refused.
create table fenced_resource (
    name       varchar(200) not null primary key,
    token      bigint       not null,
    updated_at timestamp with time zone not null default current_timestamp
);
