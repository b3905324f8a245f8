export { createPostersService, type PostersService, JOIN_PAGE } from './posters.service';
export { postersRoutes } from './posters.routes';
