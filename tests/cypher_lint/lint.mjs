// Lint Cypher statements with Neo4j's own language support (@neo4j-cypher/language-support).
// Reads a JSON list of {file, name, line, text, parameters} on stdin; prints a JSON list of
// {file, name, line, severity, message} for every diagnostic, errors and warnings alike.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (chunk) => (data += chunk));
  process.stdin.on('end', () => resolve(data));
}));

const found = [];
for (const statement of input) {
  const schema = {
    labels: statement.labels,
    relationshipTypes: statement.relationshipTypes,
    propertyKeys: statement.propertyKeys,
    parameters: statement.parameters,
  };
  const { diagnostics } = lintCypherQuery(statement.text, schema);
  for (const d of diagnostics) {
    found.push({
      file: statement.file,
      name: statement.name,
      line: statement.line + d.range.start.line,
      severity: d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info',
      message: d.message,
    });
  }
}
process.stdout.write(JSON.stringify(found));
