-- Users of the REST API and console. Passwords are stored as Jakarta Security PBKDF2 hashes.
create table mabeam_user (
    username      varchar(64)  not null primary key,
    password_hash varchar(512) not null,
    created_at    timestamp with time zone not null
);

create table mabeam_user_role (
    username varchar(64) not null references mabeam_user (username) on delete cascade,
    role     varchar(32) not null,
    primary key (username, role),
    constraint mabeam_user_role_known check (role in ('admin', 'operator', 'viewer'))
);

-- Bearer tokens for the REST API. Only a SHA-256 hash of the secret is kept.
create table api_token (
    id         varchar(36)  not null primary key,
    name       varchar(100) not null,
    owner      varchar(64)  not null references mabeam_user (username) on delete cascade,
    token_hash varchar(64)  not null unique,
    created_by varchar(64)  not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone,
    revoked_at timestamp with time zone
);

create index api_token_owner on api_token (owner);
