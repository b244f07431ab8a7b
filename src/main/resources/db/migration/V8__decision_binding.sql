-- Which decision version each process version evaluates: the decisions deployed in the same deployment
-- (business rule tasks bind with bindingType="deployment"). Written when the application deploys the models,
-- read when a decision's evaluation is recorded in the timeline (its key, version and matched rules).
-- Rows are never updated: a deployment's keys do not change, and a redeployment of unchanged models
-- returns the same keys.
CREATE TABLE decision_binding (
    process_definition_key  BIGINT        NOT NULL,
    decision_id             VARCHAR(100)  NOT NULL,
    decision_key            BIGINT        NOT NULL,
    decision_version        INT           NOT NULL,
    decision_requirements_id VARCHAR(100) NOT NULL,
    bpmn_process_id         VARCHAR(100)  NOT NULL,
    process_version         INT           NOT NULL,
    deployment_key          BIGINT        NOT NULL,
    recorded_at             TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (process_definition_key, decision_id)
);
