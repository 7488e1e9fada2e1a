-- Keycloak keeps its own database on the same server (first start of the postgres container only).
CREATE DATABASE keycloak OWNER heard;
