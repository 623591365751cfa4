/**
 * A summary captured from real Keras, for a case the fixtures lack: a layer
 * shared by two inputs of independent lengths (so a `[1][0]` reference),
 * next to an image input with open height and width.
 *
 * Captured with Keras 3.15.1 (jax 0.10.2) in this repository's .venv by
 * `COLUMNS=200 .venv/bin/python capture.py`, capture.py being:
 *
 *     import os
 *     os.environ["KERAS_BACKEND"]="jax"
 *     import keras
 *     from keras import layers
 *     q = keras.Input(shape=(None, 16), name="query")
 *     d = keras.Input(shape=(None, 16), name="doc")
 *     enc = layers.LSTM(8, return_sequences=True, name="shared_lstm")
 *     qe = enc(q)
 *     de = enc(d)
 *     qp = layers.GlobalMaxPooling1D(name="q_pool")(qe)
 *     dp = layers.GlobalMaxPooling1D(name="d_pool")(de)
 *     img = keras.Input(shape=(None, None, 3), name="image")
 *     x = layers.Conv2D(4, 3, name="conv")(img)
 *     x = layers.GlobalAveragePooling2D(name="img_pool")(x)
 *     out = layers.Concatenate(name="concat")([qp, dp, x])
 *     out = layers.Dense(1, name="score")(out)
 *     m = keras.Model([q, d, img], out, name="matcher")
 *     m.summary(print_fn=lambda s, line_break=None: print(s), line_length=120)
 */
export const SHARED_LSTM_SUMMARY = `Model: "matcher"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape                 ┃           Param # ┃ Connected to                  ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ query (InputLayer)                │ (None, None, 16)             │                 0 │ -                             │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ doc (InputLayer)                  │ (None, None, 16)             │                 0 │ -                             │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ image (InputLayer)                │ (None, None, None, 3)        │                 0 │ -                             │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ shared_lstm (LSTM)                │ (None, None, 8)              │               800 │ query[0][0], doc[0][0]        │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ conv (Conv2D)                     │ (None, None, None, 4)        │               112 │ image[0][0]                   │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ q_pool (GlobalMaxPooling1D)       │ (None, 8)                    │                 0 │ shared_lstm[0][0]             │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ d_pool (GlobalMaxPooling1D)       │ (None, 8)                    │                 0 │ shared_lstm[1][0]             │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ img_pool (GlobalAveragePooling2D) │ (None, 4)                    │                 0 │ conv[0][0]                    │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ concat (Concatenate)              │ (None, 20)                   │                 0 │ q_pool[0][0], d_pool[0][0],   │
│                                   │                              │                   │ img_pool[0][0]                │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ score (Dense)                     │ (None, 1)                    │                21 │ concat[0][0]                  │
└───────────────────────────────────┴──────────────────────────────┴───────────────────┴───────────────────────────────┘
 Total params: 933 (3.64 KB)
 Trainable params: 933 (3.64 KB)
 Non-trainable params: 0 (0.00 B)

`;

/**
 * An LSTM returning its sequence and its two states: the rows it feeds name
 * its outputs with tensor indexes 0, 1 and 2. Captured the same way from:
 *
 *     import os
 *     os.environ["KERAS_BACKEND"]="jax"
 *     import keras
 *     from keras import layers
 *     x = keras.Input(shape=(None, 4), name="steps")
 *     seq, h, c = layers.LSTM(
 *         8, return_sequences=True, return_state=True, name="encoder"
 *     )(x)
 *     y = layers.Dense(2, name="from_h")(h)
 *     z = layers.Dense(2, name="from_c")(c)
 *     s = layers.GlobalAveragePooling1D(name="pool")(seq)
 *     out = layers.Concatenate(name="concat")([y, z, s])
 *     m = keras.Model(x, out, name="states")
 *     m.summary(print_fn=lambda s, line_break=None: print(s), line_length=120)
 */
export const STATES_SUMMARY = `Model: "states"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                      ┃ Output Shape                 ┃           Param # ┃ Connected to                  ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ steps (InputLayer)                │ (None, None, 4)              │                 0 │ -                             │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ encoder (LSTM)                    │ [(None, None, 8), (None, 8), │               416 │ steps[0][0]                   │
│                                   │ (None, 8)]                   │                   │                               │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ from_h (Dense)                    │ (None, 2)                    │                18 │ encoder[0][1]                 │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ from_c (Dense)                    │ (None, 2)                    │                18 │ encoder[0][2]                 │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ pool (GlobalAveragePooling1D)     │ (None, 8)                    │                 0 │ encoder[0][0]                 │
├───────────────────────────────────┼──────────────────────────────┼───────────────────┼───────────────────────────────┤
│ concat (Concatenate)              │ (None, 12)                   │                 0 │ from_h[0][0], from_c[0][0],   │
│                                   │                              │                   │ pool[0][0]                    │
└───────────────────────────────────┴──────────────────────────────┴───────────────────┴───────────────────────────────┘
 Total params: 452 (1.77 KB)
 Trainable params: 452 (1.77 KB)
 Non-trainable params: 0 (0.00 B)

`;

/**
 * A summary captured from real Keras, for a case the fixtures lack: a query
 * and a value of independent lengths through Attention, MultiHeadAttention
 * and Dot, then joined along time, along features and by Add.
 *
 * Captured with Keras 3.15.1 (jax 0.10.2) in this repository's .venv by
 * `COLUMNS=200 .venv/bin/python capture.py`, capture.py being:
 *
 *     import os
 *     os.environ["KERAS_BACKEND"] = "jax"
 *     import keras
 *     from keras import layers
 *     q = keras.Input(shape=(None, 16), name="query")
 *     v = keras.Input(shape=(None, 16), name="value")
 *     att = layers.Attention(name="attention")([q, v])
 *     mha = layers.MultiHeadAttention(num_heads=2, key_dim=8, name="cross_mha")(q, v)
 *     both = layers.Concatenate(axis=1, name="concat_time")([att, mha])
 *     feat = layers.Concatenate(name="concat_features")([att, mha])
 *     scores = layers.Dot(axes=2, name="dot")([q, v])
 *     added = layers.Add(name="add")([att, mha])
 *     pool_t = layers.GlobalMaxPooling1D(name="pool_time")(both)
 *     pool_f = layers.GlobalMaxPooling1D(name="pool_features")(feat)
 *     pool_a = layers.GlobalMaxPooling1D(name="pool_add")(added)
 *     pool_s = layers.GlobalMaxPooling1D(name="pool_scores")(scores)
 *     out = layers.Concatenate(name="heads")([pool_t, pool_f, pool_a, pool_s])
 *     m = keras.Model([q, v], out, name="cross")
 *     m.summary(print_fn=lambda s, line_break=None: print(s), line_length=150)
 */
export const CROSS_ATTENTION_SUMMARY = `Model: "cross"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                               ┃ Output Shape                         ┃                 Param # ┃ Connected to                         ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ query (InputLayer)                         │ (None, None, 16)                     │                       0 │ -                                    │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ value (InputLayer)                         │ (None, None, 16)                     │                       0 │ -                                    │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ attention (Attention)                      │ (None, None, 16)                     │                       0 │ query[0][0], value[0][0]             │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ cross_mha (MultiHeadAttention)             │ (None, None, 16)                     │                   1,088 │ query[0][0], value[0][0]             │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ concat_time (Concatenate)                  │ (None, None, 16)                     │                       0 │ attention[0][0], cross_mha[0][0]     │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ concat_features (Concatenate)              │ (None, None, 32)                     │                       0 │ attention[0][0], cross_mha[0][0]     │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ add (Add)                                  │ (None, None, 16)                     │                       0 │ attention[0][0], cross_mha[0][0]     │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ dot (Dot)                                  │ (None, None, None)                   │                       0 │ query[0][0], value[0][0]             │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ pool_time (GlobalMaxPooling1D)             │ (None, 16)                           │                       0 │ concat_time[0][0]                    │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ pool_features (GlobalMaxPooling1D)         │ (None, 32)                           │                       0 │ concat_features[0][0]                │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ pool_add (GlobalMaxPooling1D)              │ (None, 16)                           │                       0 │ add[0][0]                            │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ pool_scores (GlobalMaxPooling1D)           │ (None, None)                         │                       0 │ dot[0][0]                            │
├────────────────────────────────────────────┼──────────────────────────────────────┼─────────────────────────┼──────────────────────────────────────┤
│ heads (Concatenate)                        │ (None, None)                         │                       0 │ pool_time[0][0],                     │
│                                            │                                      │                         │ pool_features[0][0], pool_add[0][0], │
│                                            │                                      │                         │ pool_scores[0][0]                    │
└────────────────────────────────────────────┴──────────────────────────────────────┴─────────────────────────┴──────────────────────────────────────┘
 Total params: 1,088 (4.25 KB)
 Trainable params: 1,088 (4.25 KB)
 Non-trainable params: 0 (0.00 B)

`;

/**
 * A summary captured from real Keras: a reference rich cut (`block_3_project_…`)
 * whose layer is the nearer `block_3_project_bn`, while a layer named exactly
 * `block_3_project_` stands further up.
 *
 * Captured with Keras 3.15.1 (jax 0.10.2) in this repository's .venv by
 * `.venv/bin/python capture.py`, capture.py being:
 *
 *     import os
 *     os.environ["KERAS_BACKEND"] = "jax"
 *     import keras
 *     from keras import layers
 *     inp = keras.Input(shape=(None, 8), name="tokens")
 *     far = layers.Dense(4, name="block_3_project_")(inp)
 *     near = layers.Dense(6, name="block_3_project_bn")(far)
 *     head = layers.Dense(2, name="head")(near)
 *     side = layers.Dense(3, name="side")(inp)
 *     m = keras.Model(inp, [head, side], name="cut_refs")
 *     m.summary(print_fn=lambda s, line_break=None: print(s))
 */
export const CUT_REFERENCE_SUMMARY = `Model: "cut_refs"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ tokens (InputLayer) │ (None, None, 8)   │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ block_3_project_    │ (None, None, 4)   │         36 │ tokens[0][0]      │
│ (Dense)             │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ block_3_project_bn  │ (None, None, 6)   │         30 │ block_3_project_… │
│ (Dense)             │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ head (Dense)        │ (None, None, 2)   │         14 │ block_3_project_… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ side (Dense)        │ (None, None, 3)   │         27 │ tokens[0][0]      │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 107 (428.00 B)
 Trainable params: 107 (428.00 B)
 Non-trainable params: 0 (0.00 B)

`;
