// Benchmark only: the server's name, version and edition, for the machine report.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
