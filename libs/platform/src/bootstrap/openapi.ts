import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export interface OpenApiInfo {
  title: string;
  description: string;
}

/**
 * The OpenAPI document of an API service. One builder serves `/docs-json` (createHttpApp) and the typed portal
 * client (`npm run api:client`, which builds it from an app created in Nest's preview mode, without a database).
 */
export function openApiDocument(app: INestApplication, info: OpenApiInfo): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
}
