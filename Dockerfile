# The API service. Neo4j and CoreNLP run in their own containers (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
USER node
EXPOSE 4000
CMD ["node", "bin/kg.js", "serve", "--seed-if-empty"]
