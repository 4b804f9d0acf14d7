// .vue modules for plain tsc, which checks tsconfig.json's whole project; vue-tsc reads the files themselves.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
