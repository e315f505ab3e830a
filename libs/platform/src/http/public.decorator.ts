import { SetMetadata } from '@nestjs/common';

/** Marks a route or controller as reachable without a token (every other route requires one). */
export const IS_PUBLIC_KEY = 'jiebang:public';
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
