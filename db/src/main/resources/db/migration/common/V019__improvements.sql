-- Changes coder agents propose for studies (issue 9): the proposed search space with its edits and reasons, the
-- consensus proposal the reviewers vote on, and what became of it — a follow-up study and its run when accepted.
create table improvement (
    id                   varchar(36)   primary key,
    study                varchar(200)  not null,
    sequence             integer       not null,
    coder                varchar(200)  not null,
    source               varchar(20)   not null,
    status               varchar(20)   not null,
    proposal_id          varchar(36),
    change_json          text          not null,
    follow_up            varchar(200),
    follow_up_execution  bigint,
    detail               varchar(4000) not null,
    created_at           timestamp with time zone not null,
    decided_at           timestamp with time zone,
    unique (study, sequence)
);
create index improvement_by_status on improvement (status);
