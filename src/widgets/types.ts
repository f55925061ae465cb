// The TypeScript side of the generated models: each model's properties, camelCase, typed from its
// attribute kinds (an enum becomes a union, a nullable attribute admits null), and the options a
// constructor takes. Underscore keys (model bookkeeping) are not properties.
import type { MODELS } from "./models.generated";
import type { Widget } from "./widget";

type Models = typeof MODELS;
export type ModelName = keyof Models;
type Attributes<M extends ModelName> = Models[M]["attributes"];

type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** The models a `style` attribute refers to (every ref but Layout). */
type StyleName = Exclude<ModelName, "Layout">;

type KindType<K> = K extends "int" | "float"
  ? number
  : K extends "string"
    ? string
    : K extends "bool"
      ? boolean
      : K extends "bytes"
        ? Uint8Array
        : K extends "strings"
          ? string[]
          : K extends "refs"
            ? Widget[]
            : K extends "ref:Layout"
              ? Layout
              : K extends `ref:${infer S extends StyleName}`
                ? Style<S>
                : K extends readonly (infer E)[]
                  ? E
                  : K extends "array"
                    ? unknown[]
                    : unknown;

type AttributeType<A> = A extends readonly [infer K, unknown, true] ? KindType<K> | null : A extends readonly [infer K, unknown] ? KindType<K> : never;

/** A model's properties, as a widget of it reads and writes them. */
export type Props<M extends ModelName> = {
  -readonly [N in keyof Attributes<M> as N extends `_${string}` ? never : Camel<N & string>]: AttributeType<Attributes<M>[N]>;
};

/** A widget's layout (CSS properties) and style models. */
export type Layout = Widget & Props<"Layout">;
export type Style<S extends StyleName = StyleName> = Widget & Props<S>;

type Nested<T> = T extends Layout ? Layout | Partial<Props<"Layout">> : T extends Style<infer S> ? Style<S> | Partial<Props<S>> : T;

/** What a constructor takes: any of the properties (layout and style also as plain objects). */
export type Options<M extends ModelName> = { [K in keyof Props<M>]?: Nested<Props<M>[K]> };
