// One source for ctx.auth in main and on the backend: both bundlers follow this import out of backend/.
export * from '../../../../src/kit/shared/auth-object';
